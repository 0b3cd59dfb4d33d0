using System.CommandLine;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Nodes;

namespace Ratio1.Orleans.Cli.Commands.Nodes;

/// <summary><c>r1ctl node &lt;node&gt;</c>: one node in detail.</summary>
internal static class NodeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var command = new Command("node", "Show one node: identity, liveness, capabilities.") { node };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var info = await session.GetNodeAsync(context.Value(node), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(info);
                return;
            }

            Write(context.Output, info);
        });
        return command;
    }

    public static void Write(CliOutput output, NodeInfo info) => output.WriteFields(
        ("node", info.NodeId),
        ("alias", info.Alias),
        ("status", info.Status.ToRatio1Status()),
        ("last seen", Timestamps.Format(info.LastSeen, "never")),
        ("first seen", Timestamps.Format(info.FirstSeen)),
        ("started at", Timestamps.Format(info.StartedAt)),
        ("version", info.Version),
        ("host", info.HostName),
        ("silo", info.SiloAddress ?? "-"),
        ("pipelines", info.PipelineCount.ToString()),
        ("signatures", info.Signatures.IsDefaultOrEmpty ? "-" : string.Join(", ", info.Signatures)),
        ("tags", info.Tags.IsEmpty ? "-" : string.Join(", ", info.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))));
}
