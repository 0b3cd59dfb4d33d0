using System.CommandLine;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Instances;

/// <summary><c>r1ctl update-instance ...</c>: merges a delta into one plugin instance (<c>UPDATE_PIPELINE_INSTANCE</c>).</summary>
internal static class UpdateInstanceCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var signature = SharedSymbols.Signature();
        var instanceId = SharedSymbols.InstanceId();
        var delta = new Argument<string>("delta")
        {
            Description = "JSON object merged into the instance config (\"A.B\" sets a nested value), or @file.",
        };
        var ifVersion = SharedSymbols.IfVersion();
        var command = new Command("update-instance", "Change one plugin instance's config (UPDATE_PIPELINE_INSTANCE).")
        {
            node, pipeline, signature, instanceId, delta, ifVersion,
        };
        runner.SetAction(command, async context =>
        {
            var changes = await ConfigSource.ReadDeltaAsync(context.Value(delta), context);
            var session = await context.ConnectAsync();
            var outcome = await session.UpdateInstanceAsync(context.Value(node), context.Value(pipeline), context.Value(signature), context.Value(instanceId),
                changes, context.Value(ifVersion), context.CancellationToken);
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
