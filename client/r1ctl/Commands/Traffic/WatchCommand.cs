using System.CommandLine;
using System.Threading.Channels;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>
/// <c>r1ctl watch &lt;node&gt; [pipeline]</c>: prints a node's live traffic (payloads, notifications, heartbeats) as it
/// arrives, one message per line, until Ctrl+C, <c>--count</c> messages or <c>--duration</c>. It rides out a restart of
/// the silo: it says on stderr that the connection was lost and when it is back (the session subscribes again), and
/// fails with exit 13 if it is not back within <c>--reconnect-timeout</c>. With several gateways, losing one of them is
/// said on stderr too, and the watch goes on through the others.
/// </summary>
internal static class WatchCommand
{
    /// <summary>How long a watch waits for a lost connection to come back by default: a silo restarting takes seconds, a machine rebooting about a minute.</summary>
    public const double DefaultReconnectTimeoutSeconds = 60;

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
        var reconnectTimeout = new Option<double?>("--reconnect-timeout")
        {
            Description = $"When the connection to the cluster is lost, fail (exit 13) unless it is back within this many seconds (default: {DefaultReconnectTimeoutSeconds}).",
            HelpName = "seconds",
        };
        var command = new Command("watch", "Print a node's live traffic as it arrives, one message per line, until Ctrl+C (exit 0); rides out a silo restart.")
        {
            node, pipeline, payloads, notifications, heartbeats, count, duration, reconnectTimeout,
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

            var patience = context.Value(reconnectTimeout) ?? DefaultReconnectTimeoutSeconds;
            if (!(patience > 0 && double.IsFinite(patience)))
            {
                throw new UsageException($"--reconnect-timeout must be a positive number of seconds, not {patience}.");
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

            // Messages arrive on several streams at once, connection news on another thread; one reader writes them
            // all, so lines never interleave. Bounded: output slower than the traffic (a slow pipe, a paused terminal)
            // skips the oldest messages, and says so, rather than growing r1ctl's memory.
            var skipped = new SkippedMessages();
            var traffic = Channel.CreateBounded<object>(
                new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
                _ => Interlocked.Increment(ref skipped.Count));
            EventHandler<ConnectionLostEventArgs> lost = (_, e) => traffic.Writer.TryWrite(e);
            EventHandler<ReconnectedEventArgs> back = (_, e) => traffic.Writer.TryWrite(e);
            EventHandler<GatewayLostEventArgs> gatewayLost = (_, e) => traffic.Writer.TryWrite(e);
            session.ConnectionLost += lost;
            session.Reconnected += back;
            session.GatewayLost += gatewayLost;
            var subscriptions = new List<IAsyncDisposable>();
            try
            {
                await SubscribeAsync(session, nodeId, pipelineName, kinds, traffic.Writer, subscriptions, context.CancellationToken);
                await WriteAsync(context, traffic.Reader, skipped, limit, seconds, TimeSpan.FromSeconds(patience));
            }
            finally
            {
                session.ConnectionLost -= lost;
                session.Reconnected -= back;
                session.GatewayLost -= gatewayLost;
                traffic.Writer.TryComplete();
                foreach (var subscription in subscriptions)
                {
                    await subscription.DisposeAsync();
                }
            }
        });
        return command;
    }

    // Messages waiting to be printed.
    private const int Backlog = 10_000;

    private sealed class SkippedMessages
    {
        public long Count;
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

    private static async Task WriteAsync(CommandContext context, ChannelReader<object> traffic, SkippedMessages skipped, int? limit, double? seconds, TimeSpan patience)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        if (seconds is { } s)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(s));
        }

        var written = 0;
        ConnectionLostEventArgs? outage = null;
        try
        {
            while (true)
            {
                var message = outage is null ? await traffic.ReadAsync(stop.Token) : await ReadWhileDisconnectedAsync(traffic, outage, patience, stop.Token);
                switch (message)
                {
                    case ConnectionLostEventArgs lost:
                        outage = lost;
                        ConnectionNotices.WriteLost(context.Output, "watch", lost);
                        continue;
                    case ReconnectedEventArgs back:
                        outage = null;
                        ConnectionNotices.WriteReconnected(context.Output, "watch", back);
                        continue;
                    case GatewayLostEventArgs gateway:
                        var notice = $"lost a gateway of the cluster; going on through the {gateway.Remaining} still connected";
                        context.Output.WriteNotice($"watch: {notice}", new { @event = "gateway-lost", remaining = gateway.Remaining, message = notice });
                        continue;
                }

                if (Interlocked.Exchange(ref skipped.Count, 0) is > 0 and var count)
                {
                    var notice = $"skipped {count} message(s): the output did not keep up with the traffic";
                    context.Output.WriteNotice($"watch: {notice}", new { @event = "skipped", count, message = notice });
                }

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

    // While the connection is lost, waiting is bounded: a watch that cannot get its traffic back says so (exit 13)
    // instead of staying silent forever.
    private static async Task<object> ReadWhileDisconnectedAsync(ChannelReader<object> traffic, ConnectionLostEventArgs outage, TimeSpan patience, CancellationToken stop)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stop);
        giveUp.CancelAfter(Max(TimeSpan.Zero, outage.LostAt + patience - DateTimeOffset.UtcNow));
        try
        {
            return await traffic.ReadAsync(giveUp.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new ConnectionLostException(
                $"the connection to {ConnectionNotices.Where(outage.Gateways)} was lost and is not back after {patience.TotalSeconds:0.#} s (--reconnect-timeout); the watch stops.");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
