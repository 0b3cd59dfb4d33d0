using System.CommandLine;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl update &lt;node&gt; &lt;pipeline&gt; &lt;delta&gt;</c>: a partial <c>UPDATE_CONFIG</c>.</summary>
internal static class UpdateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var delta = new Argument<string>("delta")
        {
            Description = "JSON object whose top-level keys replace the pipeline's (PLUGINS wholesale; \"A.B\" sets a nested value), or @file.",
        };
        var ifVersion = SharedSymbols.IfVersion();
        var command = new Command("update", "Change pipeline-level keys (UPDATE_CONFIG with a partial document).") { node, pipeline, delta, ifVersion };
        runner.SetAction(command, async context =>
        {
            var changes = await ConfigSource.ReadDeltaAsync(context.Value(delta), context);
            var session = await context.ConnectAsync();
            var outcome = await session.UpdatePipelineAsync(context.Value(node), context.Value(pipeline), changes, context.Value(ifVersion), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(outcome);
                return;
            }

            OutcomeText.Write(context.Output, outcome);
        });
        return command;
    }
}
