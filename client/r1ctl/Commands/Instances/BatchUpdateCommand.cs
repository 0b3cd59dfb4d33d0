using System.CommandLine;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Instances;

/// <summary>
/// <c>r1ctl batch-update &lt;node&gt; &lt;file&gt;</c>: node-wide <c>BATCH_UPDATE_PIPELINE_INSTANCE</c>; nothing is applied
/// unless every update is valid.
/// </summary>
internal static class BatchUpdateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var file = new Argument<string>("file")
        {
            Description = "JSON list of [{\"NAME\", \"SIGNATURE\", \"INSTANCE_ID\", \"INSTANCE_CONFIG\": {delta}}], or - for stdin.",
        };
        var command = new Command("batch-update", "Change instances across the node's pipelines at once (BATCH_UPDATE_PIPELINE_INSTANCE).") { node, file };
        runner.SetAction(command, async context =>
        {
            var updates = BatchUpdateDocument.Parse(await ConfigSource.ReadTextAsync(context.Value(file), context));
            var session = await context.ConnectAsync();
            var outcomes = await session.BatchUpdateInstancesAsync(context.Value(node), updates, context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(outcomes);
                return;
            }

            foreach (var outcome in outcomes)
            {
                OutcomeText.Write(context.Output, outcome);
            }
        });
        return command;
    }
}
