using System.CommandLine;
using System.Threading.Channels;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>
/// <c>r1ctl watch &lt;node&gt; [pipeline]</c>: prints a node's live traffic (payloads, notifications, heartbeats) as it
/// arrives, one message per line, until Ctrl+C, <c>--count</c> messages or <c>--duration</c>.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = new Argument<string?>("pipeline")
        {
            Description = "Pipeline NAME: only its payloads and notifications (default: every pipeline of the node).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var payloads = new Option<bool>("--payloads") { Description = "Show payloads (without any of these three: payloads and notifications)." };
        var notifications = new Option<bool>("--notifications") { Description = "Show notifications (of the pipeline, when one is given)." };
        var heartbeats = new Option<bool>("--heartbeats") { Description = "Show the node's heartbeats." };
        var count = new Option<int?>("--count") { Description = "Stop after this many messages.", HelpName = "N" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds.", HelpName = "seconds" };
        var command = new Command("watch", "Print a node's live traffic as it arrives, one message per line, until Ctrl+C (exit 0).")
        {
            node, pipeline, payloads, notifications, heartbeats, count, duration,
        };
        runner.SetAction(command, async context =>
        {
            var limit = context.Value(count);
            if (limit is < 1)
            {
                throw new UsageException($"--count must be at least 1, not {limit}.");
            }

            var seconds = context.Value(duration);
            if (seconds is { } s && !(s > 0 && double.IsFinite(s)))
            {
                throw new UsageException($"--duration must be a positive number of seconds, not {s}.");
            }

            var kinds = TrafficKinds.Choose(context.Value(payloads), context.Value(notifications), context.Value(heartbeats));

            var session = await context.ConnectAsync();
            var nodeId = context.Value(node);
            var pipelineName = context.Value(pipeline);

            // An unknown node or pipeline is most likely a typo: report it (exit 3) rather than wait on a silent stream.
            await session.GetNodeAsync(nodeId, context.CancellationToken);
            if (pipelineName is not null)
            {
                await session.GetPipelineAsync(nodeId, pipelineName, cancellationToken: context.CancellationToken);
            }

            // Messages arrive on several streams at once; one reader writes them, so lines never interleave.
            var traffic = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            var subscriptions = new List<IAsyncDisposable>();
            try
            {
                await SubscribeAsync(session, nodeId, pipelineName, kinds, traffic.Writer, subscriptions, context.CancellationToken);
                await WriteAsync(context, traffic.Reader, limit, seconds);
            }
            finally
            {
                traffic.Writer.TryComplete();
                foreach (var subscription in subscriptions)
                {
                    await subscription.DisposeAsync();
                }
            }
        });
        return command;
    }

    private static async Task SubscribeAsync(Ratio1Session session, string node, string? pipeline, TrafficKinds kinds, ChannelWriter<object> traffic,
        List<IAsyncDisposable> subscriptions, CancellationToken cancellationToken)
    {
        Task Receive(object message)
        {
            traffic.TryWrite(message);
            return Task.CompletedTask;
        }

        if (kinds.Payloads)
        {
            subscriptions.Add(pipeline is null
                ? await session.OnNodePayloadAsync(node, Receive, cancellationToken)
                : await session.OnPipelinePayloadAsync(node, pipeline, Receive));
        }

        if (kinds.Notifications)
        {
            subscriptions.Add(await session.OnNodeNotificationAsync(node, n => pipeline is null || n.Envelope.Pipeline == pipeline ? Receive(n) : Task.CompletedTask));
        }

        if (kinds.Heartbeats)
        {
            subscriptions.Add(await session.OnNodeHeartbeatAsync(node, Receive));
        }
    }

    private static async Task WriteAsync(CommandContext context, ChannelReader<object> traffic, int? limit, double? seconds)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        if (seconds is { } s)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(s));
        }

        var written = 0;
        try
        {
            await foreach (var message in traffic.ReadAllAsync(stop.Token))
            {
                if (context.Output.Json)
                {
                    context.Output.WriteJsonLine(TrafficJson.From(message));
                }
                else
                {
                    context.Output.Line(TrafficText.Line(message));
                }

                if (++written == limit)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or --duration: how a watch is meant to end.
        }
    }
}
