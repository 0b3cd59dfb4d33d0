using System.CommandLine;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl archive &lt;node&gt; &lt;pipeline&gt;|--all</c>: stops pipelines, keeping their config and history (<c>ARCHIVE_CONFIG</c>).</summary>
internal static class ArchiveCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.OptionalPipeline();
        var all = SharedSymbols.All("Archive every live pipeline of the node (ARCHIVE_CONFIG_ALL).");
        var command = new Command("archive", "Archive a pipeline: it stops; config and history are kept (deploy revives it).") { node, pipeline, all };
        runner.SetAction(command, async context =>
        {
            var name = PipelineSelection.Resolve(context.Value(pipeline), context.Value(all), "archive");
            var session = await context.ConnectAsync();
            var nodeId = context.Value(node);
            if (name is not null)
            {
                var outcome = await session.ClosePipelineAsync(nodeId, name, cancellationToken: context.CancellationToken);
                if (context.Output.Json)
                {
                    context.Output.WriteJson(outcome);
                    return;
                }

                OutcomeText.Write(context.Output, outcome, withInstances: false);
                return;
            }

            await session.GetNodeAsync(nodeId, context.CancellationToken);
            var outcomes = await session.ArchiveAllPipelinesAsync(nodeId, context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(outcomes);
                return;
            }

            if (outcomes.Count == 0)
            {
                context.Output.Line($"no live pipelines on {nodeId}");
            }

            foreach (var outcome in outcomes)
            {
                OutcomeText.Write(context.Output, outcome, withInstances: false);
            }
        });
        return command;
    }
}
