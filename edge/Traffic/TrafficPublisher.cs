using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Streams;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Telemetry;
using Ratio1.Orleans.Edge.Traffic.Queues;

namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// Puts the node's traffic on the stream provider: payloads on their pipeline's stream, notifications and heartbeats
/// on the node's. Every message gets the next number of the node's sequence. Plugins hand messages over without
/// waiting; a few lanes publish them, each stream always through the same lane so its order is kept. Memory is
/// bounded: a message larger than <see cref="TrafficOptions.MaxMessageBytes"/> is refused at once, and each lane holds
/// at most its share of <see cref="TrafficOptions.BacklogMiB"/> (the oldest go when it is full) for at most
/// <see cref="TrafficOptions.BacklogSeconds"/>; every message that does not make it is counted in the
/// <see cref="TrafficLedger"/>. While the provider is unreachable (with ADO.NET traffic: the database is down) the node
/// is cut off: messages wait in order whatever their age, the newest that fit the backlog kept and the oldest dropped
/// (<c>backlog_full</c>); once the provider takes messages again they go out in order, and <see cref="Reconnected"/>
/// says what was lost. Payloads and the node's own messages (notifications, heartbeats) have separate lanes,
/// so a flood of payloads cannot push out a deploy confirmation. Messages that pile up behind a send go out
/// together, as one batch per stream of at most 64 messages and 64 KiB (or one larger message alone).
/// </summary>
public sealed partial class TrafficPublisher : IAsyncDisposable
{
    private const int PayloadLanes = 4;
    private const int NodeLanes = 2;
    private const int MessagesPerLane = 10_000;
    private const int MaxBatch = 64;
    private const int TakePerRound = 256;

    // What a waiting message costs beyond its wire size: the message objects themselves.
    private const int ObjectBytes = 256;

    // Messages are batched up to this size, under .NET's large-object threshold (85,000 bytes): a batch's serialized
    // body then lives and dies in the young generation instead of fragmenting the large-object heap. A single larger
    // message (up to MaxMessageBytes) still goes, alone.
    private const int BatchBytes = 64 * 1024;

    // A refused batch is retried this often before it is dropped: a full queue drains within milliseconds.
    private const int FullQueueAttempts = 4;

    private readonly IClusterClient _client;
    private readonly Serializer _serializer;
    private readonly TimeProvider _time;
    private readonly ILogger<TrafficPublisher> _logger;
    private readonly TrafficLedger _ledger;
    private readonly TrafficOptions _options;
    private readonly TrafficLane[] _lanes;
    private readonly Task[] _pumps;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<OutgoingMessage> _droppedForRoom;
    private readonly Func<OutgoingMessage, OutgoingMessage> _renumber;
    private readonly TrafficOutage _outage;
    private readonly MessageMetrics _messages;
    private IStreamProvider? _provider;
    private Exception? _unreachable;
    private long _sequence;

    public TrafficPublisher(IClusterClient client, IOptions<TrafficOptions> options, TrafficLedger ledger, Serializer serializer, TimeProvider time, ILogger<TrafficPublisher> logger, MessageMetrics messages)
    {
        _messages = messages;
        _client = client;
        _serializer = serializer;
        _options = options.Value;
        _ledger = ledger;
        _time = time;
        _logger = logger;
        // The node's sequence goes on across restarts of its silo (it starts at the clock, in microseconds, which
        // outruns any message rate the node reaches): a client keeps the last number it saw per instance and skips
        // what it already had when a durable provider delivers a message again.
        _sequence = time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _droppedForRoom = m => Drop(m, DropReason.BacklogFull);
        _renumber = Renumber;
        var laneBytes = _options.BacklogBytes / (PayloadLanes + NodeLanes);
        _lanes = [.. Enumerable.Range(0, PayloadLanes + NodeLanes).Select(_ => new TrafficLane(laneBytes, MessagesPerLane))];
        _outage = new TrafficOutage(_lanes.Length, time);
        _pumps = [.. _lanes.Select((lane, index) => Task.Run(() => PumpAsync(lane, index)))];
    }

    /// <summary>
    /// Raised, on a publishing thread, when the stream provider takes messages again after it was unreachable: with how
    /// long that lasted, what was dropped meanwhile and how many waiting messages now go out in order. The node's
    /// runtime turns a loss into a notification and reconciles its pipelines.
    /// </summary>
    public event Action<TrafficOutageReport>? Reconnected;

    /// <summary>True while the stream provider is unreachable: messages wait, bounded by <see cref="TrafficOptions.BacklogMiB"/>.</summary>
    public bool CutOff => _outage.Active;

    /// <summary>Messages not delivered, for any reason (see <see cref="TrafficLedger"/>).</summary>
    public long Dropped => _ledger.Dropped;

    /// <summary>Messages handed to the stream provider.</summary>
    public long Published => _ledger.Published;

    /// <summary>The limit of one message, in bytes on the wire.</summary>
    public long MaxMessageBytes => _options.MaxMessageBytes;

    /// <summary>What a heartbeat reports about the node's traffic.</summary>
    public TrafficStats Stats() => _ledger.Snapshot();

    /// <summary>The next message envelope of <paramref name="nodeId"/> for the given path.</summary>
    public MessageEnvelope Envelope(string nodeId, string? pipeline, string? signature, string? instanceId, string? initiatorId = null, string? modifiedById = null, string? sessionId = null) =>
        new(nodeId, pipeline, signature, instanceId, Interlocked.Increment(ref _sequence), _time.GetUtcNow(), Guid.NewGuid(), initiatorId, modifiedById, sessionId);

    /// <summary>Queues a payload, or refuses it (counted) when it is larger than the limit of one message.</summary>
    public PublishOutcome Publish(Payload payload)
    {
        var size = MessageSize.Of(payload);
        if (size > _options.MaxMessageBytes)
        {
            _ledger.CountDropped(MessageKind.Payload, DropReason.TooBig, 1);
            return PublishOutcome.Refused(size, _options.MaxMessageBytes);
        }

        Enqueue(TrafficStreams.Payloads(payload.Envelope.NodeId, payload.Envelope.Pipeline ?? string.Empty), payload, MessageKind.Payload, size, 0, PayloadLanes);
        return PublishOutcome.Queued(size);
    }

    /// <summary>
    /// Queues a notification. One too large for a message has its texts (message, info: stack traces, long reports)
    /// cut to fit, saying so, rather than being lost: notifications carry the acknowledgements clients wait for.
    /// </summary>
    public PublishOutcome Publish(Notification notification)
    {
        var size = MessageSize.Of(notification);
        if (size > _options.MaxMessageBytes)
        {
            notification = Shortened(notification, size);
            size = MessageSize.Of(notification);
            if (size > _options.MaxMessageBytes)
            {
                _ledger.CountDropped(MessageKind.Notification, DropReason.TooBig, 1);
                LogTooBig(_logger, "notification", size, _options.MaxMessageBytes);
                return PublishOutcome.Refused(size, _options.MaxMessageBytes);
            }
        }

        Enqueue(TrafficStreams.Notifications(notification.Envelope.NodeId), notification, MessageKind.Notification, size, PayloadLanes, NodeLanes);
        _messages.NotificationSent(notification);
        return PublishOutcome.Queued(size);
    }

    /// <summary>Queues a heartbeat, or refuses it (counted, logged) when it is larger than the limit of one message.</summary>
    public PublishOutcome Publish(Heartbeat heartbeat)
    {
        var size = HeartbeatSize(heartbeat);
        if (size > _options.MaxMessageBytes)
        {
            _ledger.CountDropped(MessageKind.Heartbeat, DropReason.TooBig, 1);
            LogTooBig(_logger, "heartbeat", size, _options.MaxMessageBytes);
            return PublishOutcome.Refused(size, _options.MaxMessageBytes);
        }

        Enqueue(TrafficStreams.Heartbeats(heartbeat.Envelope.NodeId), heartbeat, MessageKind.Heartbeat, size, PayloadLanes, NodeLanes);
        _messages.HeartbeatSent(heartbeat);
        return PublishOutcome.Queued(size);
    }

    /// <summary>Waits until everything handed over so far has been published (or dropped).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (_lanes.Any(l => l.Count > 0) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            lane.Complete();
        }

        // What is queued gets a moment to go out; a provider that is down by now will not take it.
        await Task.WhenAny(Task.WhenAll(_pumps), Task.Delay(TimeSpan.FromSeconds(5), _time));
        await _stopping.CancelAsync();
        await Task.WhenAll(_pumps);
        _stopping.Dispose();
    }

    private void Enqueue(StreamId stream, object message, MessageKind kind, long size, int firstLane, int laneCount)
    {
        var lane = _lanes[firstLane + (int)((uint)stream.GetHashCode() % laneCount)];
        var outgoing = new OutgoingMessage(stream, message, kind, size + ObjectBytes, _time.GetTimestamp(), SequenceOf(message));
        _ledger.TrackBacklog(1, outgoing.Bytes);
        lane.Add(outgoing, _droppedForRoom, _renumber);
    }

    private static long SequenceOf(object message) => message switch
    {
        Payload p => p.Envelope.Sequence,
        Notification n => n.Envelope.Sequence,
        Heartbeat h => h.Envelope.Sequence,
        _ => 0,
    };

    // The next number of the node's sequence, which is above every number handed out so far.
    private OutgoingMessage Renumber(OutgoingMessage outgoing)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        object message = outgoing.Message switch
        {
            Payload p => p with { Envelope = p.Envelope with { Sequence = sequence } },
            Notification n => n with { Envelope = n.Envelope with { Sequence = sequence } },
            Heartbeat h => h with { Envelope = h.Envelope with { Sequence = sequence } },
            var other => other,
        };
        return outgoing with { Message = message, Sequence = sequence };
    }

    private void Drop(OutgoingMessage message, DropReason reason)
    {
        _ledger.TrackBacklog(-1, -message.Bytes);
        _ledger.CountDropped(message.Kind, reason, 1);
        _outage.CountDropped(reason);
    }

    private async Task PumpAsync(TrafficLane lane, int index)
    {
        var taken = new List<OutgoingMessage>(TakePerRound);
        var maxAge = TimeSpan.FromSeconds(_options.BacklogSeconds);
        var cutOff = false;
        var attempt = 0;

        // Age counts from when the provider last took messages again: what waited through an outage gets its time
        // to go out once the provider is back, instead of expiring the moment it is.
        long resumedAt = 0;
        while (await lane.WaitAsync())
        {
            taken.Clear();
            lane.Take(taken, TakePerRound);
            if (!cutOff && taken.RemoveAll(m => _time.GetElapsedTime(Math.Max(m.Since, resumedAt)) > maxAge && Settled(m, DropReason.Expired)) > 0 && taken.Count == 0)
            {
                continue;
            }

            var unsent = await SendRoundAsync(taken);
            if (unsent.Count == 0)
            {
                attempt = 0;
                if (cutOff)
                {
                    cutOff = false;
                    resumedAt = _time.GetTimestamp();
                    Resumed(index);
                }

                continue;
            }

            if (!cutOff)
            {
                cutOff = true;
                if (_outage.CutOff(index))
                {
                    LogCutOff(_logger, _unreachable?.GetType().Name ?? "unknown", _options.BacklogMiB);
                }
            }

            // Back in front of the lane in their order, within the lane's bound: while the provider is unreachable the
            // lane keeps the newest messages it can hold and drops the oldest (backlog_full), whatever their age.
            lane.Return(unsent, _droppedForRoom);

            attempt++;
            await Delay(TimeSpan.FromMilliseconds(Math.Min(2_000, 25 << Math.Min(attempt, 7))));
        }
    }

    // What queued up while the last send was in flight goes out as one batch per stream (each stream's messages in
    // their order), each batch within the size of one message: one queue write and one delivery to each subscriber
    // instead of one per message. When the provider is unreachable the round stops there; what it did not settle is
    // returned, in the order taken.
    private async Task<List<OutgoingMessage>> SendRoundAsync(List<OutgoingMessage> taken)
    {
        var settledOf = new Dictionary<StreamId, int>();
        foreach (var stream in taken.GroupBy(m => m.Stream))
        {
            var batch = new List<OutgoingMessage>(MaxBatch);
            long bytes = 0;
            var settled = 0;
            var reachable = true;
            foreach (var message in stream)
            {
                if (batch.Count > 0 && (batch.Count == MaxBatch || bytes + message.Bytes - ObjectBytes > BatchBytes))
                {
                    var sent = await SendAsync(stream.Key, batch);
                    settled += sent;
                    if (sent < batch.Count)
                    {
                        reachable = false;
                        break;
                    }

                    batch = new List<OutgoingMessage>(MaxBatch);
                    bytes = 0;
                }

                batch.Add(message);
                bytes += message.Bytes - ObjectBytes;
            }

            if (reachable)
            {
                var sent = await SendAsync(stream.Key, batch);
                settled += sent;
                reachable = sent == batch.Count;
            }

            settledOf[stream.Key] = settled;
            if (!reachable)
            {
                // Streams not tried yet keep all their messages (no entry); each tried stream keeps what it did not settle.
                var unsent = new List<OutgoingMessage>();
                foreach (var message in taken)
                {
                    if (settledOf.TryGetValue(message.Stream, out var skip) && skip > 0)
                    {
                        settledOf[message.Stream] = skip - 1;
                        continue;
                    }

                    unsent.Add(message);
                }

                return unsent;
            }
        }

        return [];
    }

    // Every lane sends again: the node is heard, and says what it lost meanwhile.
    private void Resumed(int index)
    {
        if (_outage.Resumed(index, _ledger.Snapshot().BacklogMessages) is not { } report)
        {
            return;
        }

        if (report.Dropped > 0)
        {
            LogReconnectedWithLoss(_logger, report.Duration.TotalSeconds, report.Dropped, report.DroppedBacklogFull, report.Waiting);
        }
        else
        {
            LogReconnected(_logger, report.Duration.TotalSeconds, report.Waiting);
        }

        try
        {
            Reconnected?.Invoke(report);
        }
        catch (Exception e)
        {
            LogReconnectedHandlerFailed(_logger, e);
        }
    }

    // Sends one stream's batch; returns how many of its messages are settled (published, or dropped and counted),
    // from the first. Fewer than all: the provider is unreachable, and the rest were neither sent nor dropped.
    private async Task<int> SendAsync(StreamId streamId, List<OutgoingMessage> batch)
    {
        _provider ??= _client.GetStreamProvider(TrafficStreams.ProviderName);
        for (var attempt = 1; ; attempt++)
        {
            if (_stopping.IsCancellationRequested)
            {
                Settle(batch, DropReason.Expired);
                return batch.Count;
            }

            try
            {
                await (batch[0].Message switch
                {
                    Payload => Send(_provider.GetStream<Payload>(streamId), batch),
                    Notification => Send(_provider.GetStream<Notification>(streamId), batch),
                    Heartbeat => Send(_provider.GetStream<Heartbeat>(streamId), batch),
                    _ => Task.CompletedTask,
                });
                _ledger.TrackBacklog(-batch.Count, -batch.Sum(m => m.Bytes));
                _ledger.CountPublished(batch[0].Kind, batch.Count);
                return batch.Count;
            }
            catch (TrafficQueueFullException) when (attempt < FullQueueAttempts)
            {
                await Delay(TimeSpan.FromMilliseconds(5 * attempt));
            }
            catch (TrafficQueueFullException)
            {
                // The queue's agent cannot keep up: this batch is now the oldest of the backlog, and goes.
                Settle(batch, DropReason.BacklogFull);
                return batch.Count;
            }
            catch (TrafficBatchTooLargeException) when (batch.Count > 1)
            {
                // Estimated within one message but larger once serialized: send the halves.
                var half = batch.Count / 2;
                var first = await SendAsync(streamId, batch[..half]);
                return first < half ? first : first + await SendAsync(streamId, batch[half..]);
            }
            catch (TrafficBatchTooLargeException e)
            {
                LogTooBig(_logger, TrafficLedger.KindTag(batch[0].Kind), e.SizeBytes, _options.MaxMessageBytes);
                Settle(batch, DropReason.TooBig);
                return batch.Count;
            }
            catch (ObjectDisposedException)
            {
                // The silo is stopping and its streams are gone: nothing will take these any more.
                Settle(batch, DropReason.Expired);
                return batch.Count;
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                Settle(batch, DropReason.Expired);
                return batch.Count;
            }
            catch (Exception e)
            {
                // The provider is unreachable (the ADO.NET provider's database is down): the pump keeps the batch.
                if (!_outage.Active)
                {
                    LogProviderFailing(_logger, e, streamId.ToString());
                }

                _unreachable = e;
                return 0;
            }
        }
    }

    private bool Settled(OutgoingMessage message, DropReason reason)
    {
        Drop(message, reason);
        return true;
    }

    private void Settle(List<OutgoingMessage> batch, DropReason reason)
    {
        foreach (var message in batch)
        {
            Drop(message, reason);
        }
    }

    private async Task Delay(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task Send<T>(IAsyncStream<T> stream, List<OutgoingMessage> batch) =>
        batch.Count == 1 ? stream.OnNextAsync((T)batch[0].Message) : stream.OnNextBatchAsync(batch.Select(m => (T)m.Message).ToList());

    private Notification Shortened(Notification notification, long size)
    {
        // Keep the start of each text (what happened); the limit leaves room for the envelope.
        var budget = (int)Math.Max(256, (_options.MaxMessageBytes - MessageSize.Overhead - MessageSize.Of(notification.Envelope)) / 8);
        var note = string.Create(CultureInfo.InvariantCulture, $" [cut: the notification was {size:N0} bytes, over the limit of {_options.MaxMessageBytes:N0} bytes for one message]");
        return notification with
        {
            Message = Cut(notification.Message, budget, note),
            Info = notification.Info is null ? null : Cut(notification.Info, budget, note),
            Module = notification.Module is null ? null : Cut(notification.Module, 256, string.Empty),
        };
    }

    private static string Cut(string text, int chars, string note) => text.Length <= chars ? text : text[..chars] + note;

    // Heartbeats are few (one per node and period) and made of many small fields: measured by serializing them.
    private long HeartbeatSize(Heartbeat heartbeat) => _serializer.SerializeToArray(heartbeat).Length;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} of {Size} bytes is larger than the limit of {Limit} bytes for one message (Traffic:MaxMessageBytes); it was not sent")]
    private static partial void LogTooBig(ILogger logger, string kind, long size, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The traffic stream provider refuses messages for {Stream}")]
    private static partial void LogProviderFailing(ILogger logger, Exception exception, string stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Traffic: the stream provider is unreachable ({Error}); messages wait in order, the newest {BacklogMiB} MiB kept (Traffic:BacklogMiB), the oldest dropped beyond that")]
    private static partial void LogCutOff(ILogger logger, string error, int backlogMiB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Traffic: the stream provider takes messages again after {Seconds:F1} s; {Waiting} waiting message(s) go out in order, none lost")]
    private static partial void LogReconnected(ILogger logger, double seconds, long waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Traffic: the stream provider takes messages again after {Seconds:F1} s; {Dropped} message(s) were lost meanwhile ({BacklogFull} oldest dropped for room, Traffic:BacklogMiB); {Waiting} waiting message(s) go out in order")]
    private static partial void LogReconnectedWithLoss(ILogger logger, double seconds, long dropped, long backlogFull, long waiting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Traffic: a handler of the reconnection failed")]
    private static partial void LogReconnectedHandlerFailed(ILogger logger, Exception exception);
}
