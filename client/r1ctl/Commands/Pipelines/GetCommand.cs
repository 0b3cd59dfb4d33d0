using System.CommandLine;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary>
/// <c>r1ctl get &lt;node&gt; &lt;pipeline&gt;</c>: the pipeline's Ratio1 JSON, ready to be saved and deployed again;
/// with <c>--json</c> the whole snapshot (config, version, revision, creator, instance versions).
/// </summary>
internal static class GetCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var version = new Option<int?>("--version") { Description = "Show this version instead of the latest.", HelpName = "N" };
        var command = new Command("get", "Print a pipeline's Ratio1 JSON.") { node, pipeline, version };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var snapshot = await session.GetPipelineAsync(context.Value(node), context.Value(pipeline), context.Value(version), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(snapshot);
                return;
            }

            context.Output.Line(snapshot.ToRatio1Map().ToJson(indented: true));
        });
        return command;
    }
}
