using System.CommandLine;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl pipelines &lt;node&gt;</c>: the node's pipelines, live ones only unless <c>--all</c>.</summary>
internal static class PipelinesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var all = SharedSymbols.All("Include archived pipelines.");
        var command = new Command("pipelines", "List the pipelines of a node.") { node, all };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var nodeId = context.Value(node);

            // An unknown node would list as empty; say it does not exist instead (exit 3).
            await session.GetNodeAsync(nodeId, context.CancellationToken);
            var pipelines = await session.GetPipelinesAsync(nodeId, context.Value(all), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(pipelines);
                return;
            }

            if (pipelines.Count == 0)
            {
                context.Output.Line($"no {(context.Value(all) ? string.Empty : "live ")}pipelines on {nodeId}");
                return;
            }

            var table = new Table("NAME", "TYPE", "VERSION", "INSTANCES", "STATE", "CHANGED-BY", "CHANGED-AT");
            foreach (var p in pipelines)
            {
                table.AddRow(p.Name, p.Type, p.Version.ToString(), p.InstanceCount.ToString(), p.Archived ? "archived" : "live", p.ChangedBy, Timestamps.Format(p.ChangedAt));
            }

            context.Output.WriteTable(table);
        });
        return command;
    }
}
