using System.CommandLine;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Nodes;

namespace Ratio1.Orleans.Cli.Commands.Nodes;

/// <summary><c>r1ctl nodes</c>: every node that ever registered, with its liveness.</summary>
internal static class NodesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("nodes", "List the nodes of the cluster.");
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var nodes = (await session.GetNodesAsync(context.CancellationToken)).OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
            if (context.Output.Json)
            {
                context.Output.WriteJson(nodes);
                return;
            }

            if (nodes.Count == 0)
            {
                context.Output.Line("no node has registered yet");
                return;
            }

            var table = new Table("NODE", "ALIAS", "STATUS", "LAST-SEEN", "PIPELINES", "VERSION");
            foreach (var node in nodes)
            {
                table.AddRow(node.NodeId, node.Alias, node.Status.ToRatio1Status(), Timestamps.Format(node.LastSeen, "never"), node.PipelineCount.ToString(), node.Version);
            }

            context.Output.WriteTable(table);
        });
        return command;
    }
}
