using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Grains.Telemetry;

/// <summary>
/// Puts the node's traffic on the stream provider: payloads on their pipeline's stream, notifications and heartbeats
/// on the node's. Every message gets the next number of the node's sequence. Plugins hand messages over without
/// waiting; a few lanes publish them, each stream always through the same lane so its order is kept. A lane holds a
/// bounded backlog: when the provider cannot keep up, the oldest messages are dropped and counted, so traffic never
/// stalls the plugins or grows memory without bound. Payloads and the node's own messages (notifications, heartbeats)
/// have separate lanes, so a flood of payloads cannot push out a deploy confirmation. Messages that pile up behind a
/// send go out together, as one batch per stream.
/// </summary>
public sealed partial class TrafficPublisher : IAsyncDisposable
{
    private const int PayloadLanes = 4;
    private const int NodeLanes = 2;
    private const int BacklogPerLane = 10_000;
    private const int Attempts = 5;
    private const int MaxBatch = 64;

    private readonly IClusterClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<TrafficPublisher> _logger;
    private readonly Channel<(StreamId Stream, object Message)>[] _lanes;
    private readonly Task[] _pumps;
    private IStreamProvider? _provider;
    private long _sequence;
    private long _dropped;
    private long _published;

    public TrafficPublisher(IClusterClient client, TimeProvider time, ILogger<TrafficPublisher> logger)
    {
        _client = client;
        _time = time;
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, PayloadLanes + NodeLanes).Select(_ => Channel.CreateBounded<(StreamId, object)>(
            new BoundedChannelOptions(BacklogPerLane) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped)))];
        _pumps = [.. _lanes.Select(lane => Task.Run(() => PumpAsync(lane.Reader)))];
    }

    /// <summary>Messages dropped because the stream provider could not keep up or refused them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to the stream provider.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>The next message envelope of <paramref name="nodeId"/> for the given path.</summary>
    public MessageEnvelope Envelope(string nodeId, string? pipeline, string? signature, string? instanceId, string? initiatorId = null, string? modifiedById = null, string? sessionId = null) =>
        new(nodeId, pipeline, signature, instanceId, Interlocked.Increment(ref _sequence), _time.GetUtcNow(), Guid.NewGuid(), initiatorId, modifiedById, sessionId);

    public void Publish(Payload payload) =>
        Enqueue(TrafficStreams.Payloads(payload.Envelope.NodeId, payload.Envelope.Pipeline ?? string.Empty), payload, 0, PayloadLanes);

    public void Publish(Notification notification) =>
        Enqueue(TrafficStreams.Notifications(notification.Envelope.NodeId), notification, PayloadLanes, NodeLanes);

    public void Publish(Heartbeat heartbeat) =>
        Enqueue(TrafficStreams.Heartbeats(heartbeat.Envelope.NodeId), heartbeat, PayloadLanes, NodeLanes);

    /// <summary>Waits until everything handed over so far has been published (or dropped).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (_lanes.Any(l => l.Reader.Count > 0) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(_pumps);
    }

    private void Enqueue(StreamId stream, object message, int firstLane, int laneCount)
    {
        var lane = _lanes[firstLane + (int)((uint)stream.GetHashCode() % laneCount)];
        if (!lane.Writer.TryWrite((stream, message)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task PumpAsync(ChannelReader<(StreamId Stream, object Message)> lane)
    {
        var chunk = new List<(StreamId Stream, object Message)>(MaxBatch);
        while (await lane.WaitToReadAsync())
        {
            chunk.Clear();
            while (chunk.Count < MaxBatch && lane.TryRead(out var item))
            {
                chunk.Add(item);
            }

            // What queued up while the last send was in flight goes out as one batch per stream (each stream's
            // messages in their order): one queue write and one delivery to each subscriber instead of one per message.
            foreach (var batch in chunk.GroupBy(m => m.Stream, m => m.Message))
            {
                await SendAsync(batch.Key, [.. batch]);
            }
        }
    }

    private async Task SendAsync(StreamId streamId, IReadOnlyList<object> messages)
    {
        _provider ??= _client.GetStreamProvider(TrafficStreams.ProviderName);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await (messages[0] switch
                {
                    Payload => Send(_provider.GetStream<Payload>(streamId), messages),
                    Notification => Send(_provider.GetStream<Notification>(streamId), messages),
                    Heartbeat => Send(_provider.GetStream<Heartbeat>(streamId), messages),
                    _ => Task.CompletedTask,
                });
                Interlocked.Add(ref _published, messages.Count);
                return;
            }
            catch (Exception e) when (attempt < Attempts && e is not ObjectDisposedException)
            {
                // The memory provider refuses messages while a queue is full, the ADO.NET one while its database is
                // unreachable; give it a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), _time);
            }
            catch (Exception e)
            {
                Interlocked.Add(ref _dropped, messages.Count);
                LogDropped(_logger, e, messages.Count, messages[0].GetType().Name, streamId.ToString());
                return;
            }
        }
    }

    private static Task Send<T>(IAsyncStream<T> stream, IReadOnlyList<object> messages) =>
        messages.Count == 1 ? stream.OnNextAsync((T)messages[0]) : stream.OnNextBatchAsync(messages.Cast<T>().ToList());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} {Kind} message(s) for stream {Stream}: the stream provider would not take them")]
    private static partial void LogDropped(ILogger logger, Exception exception, int count, string kind, string stream);
}
