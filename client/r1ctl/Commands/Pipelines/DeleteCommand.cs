using System.CommandLine;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl delete &lt;node&gt; &lt;pipeline&gt;|--all</c>: removes pipelines and their history (<c>DELETE_CONFIG</c>).</summary>
internal static class DeleteCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.OptionalPipeline();
        var all = SharedSymbols.All("Delete every pipeline of the node, archived ones included (DELETE_CONFIG_ALL).");
        var command = new Command("delete", "Delete a pipeline and its history.") { node, pipeline, all };
        runner.SetAction(command, async context =>
        {
            var name = PipelineSelection.Resolve(context.Value(pipeline), context.Value(all), "delete");
            var session = await context.ConnectAsync();
            var nodeId = context.Value(node);
            if (name is not null)
            {
                var lastVersion = await session.DeletePipelineAsync(nodeId, name, cancellationToken: context.CancellationToken);
                if (context.Output.Json)
                {
                    context.Output.WriteJson(new { node = nodeId, pipeline = name, lastVersion });
                    return;
                }

                context.Output.Line($"pipeline '{name}' on {nodeId}: deleted (it was at version {lastVersion})");
                return;
            }

            await session.GetNodeAsync(nodeId, context.CancellationToken);
            var deleted = await session.DeleteAllPipelinesAsync(nodeId, context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(new { node = nodeId, deleted });
                return;
            }

            context.Output.Line(deleted.Count == 0
                ? $"no pipelines on {nodeId}"
                : $"deleted {deleted.Count} pipeline{(deleted.Count == 1 ? string.Empty : "s")} on {nodeId}: {string.Join(", ", deleted)}");
        });
        return command;
    }
}
