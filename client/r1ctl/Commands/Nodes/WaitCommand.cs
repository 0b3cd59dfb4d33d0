using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Nodes;

namespace Ratio1.Orleans.Cli.Commands.Nodes;

/// <summary><c>r1ctl wait &lt;node&gt;</c>: blocks until the node is online (Ratio1's <c>wait_for_node</c>).</summary>
internal static class WaitCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait before giving up with exit code 7.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command("wait", "Wait until a node is online.") { node, timeout };
        runner.SetAction(command, async context =>
        {
            var seconds = context.Value(timeout);
            if (!(seconds >= 0) || !double.IsFinite(seconds))
            {
                throw new UsageException($"--timeout must be a number of seconds, not {seconds}.");
            }

            var session = await context.ConnectAsync();
            NodeInfo info;
            await using (context.Output.Progress($"waiting for node '{context.Value(node)}' to be online"))
            {
                info = await session.WaitForNodeAsync(context.Value(node), TimeSpan.FromSeconds(seconds), context.CancellationToken);
            }

            if (context.Output.Json)
            {
                context.Output.WriteJson(info);
                return;
            }

            context.Output.Line($"node '{info.NodeId}' is online (last seen {Timestamps.Format(info.LastSeen, "never")})");
        });
        return command;
    }
}
