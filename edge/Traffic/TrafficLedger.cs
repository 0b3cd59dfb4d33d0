using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// The silo's account of its traffic: messages published, every message not delivered by kind and reason, and the
/// bytes its buffers hold. Read by the heartbeat (<see cref="TrafficStats"/>), exported as metrics on the meter
/// <see cref="MeterName"/>, and summarised in the log at most once per <see cref="TrafficOptions.LossLogSeconds"/>:
/// a warning when messages were lost to size, full buffers or age; information when nobody was subscribed, which on
/// an unwatched node is the normal case.
/// </summary>
public sealed partial class TrafficLedger : IDisposable
{
    /// <summary>The platform's own meter (also carried by <c>/metrics</c>).</summary>
    public const string MeterName = "Ratio1.Orleans";

    private static readonly MessageKind[] Kinds = Enum.GetValues<MessageKind>();
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();

    private readonly long[] _published = new long[Kinds.Length];
    private readonly long[,] _dropped = new long[Kinds.Length, Reasons.Length];
    private readonly long[,] _logged = new long[Kinds.Length, Reasons.Length];
    private readonly long _maxMessageBytes;
    private readonly ILogger<TrafficLedger> _logger;
    private readonly Meter _meter;
    private readonly ITimer _logTimer;
    private readonly TimeSpan _logPeriod;
    private long _backlogMessages;
    private long _backlogBytes;
    private long _queuedBytes;
    private long _cachedBytes;

    public TrafficLedger(IOptions<TrafficOptions> options, TimeProvider time, ILogger<TrafficLedger> logger, IMeterFactory? meters = null)
    {
        _maxMessageBytes = options.Value.MaxMessageBytes;
        _logger = logger;
        _logPeriod = TimeSpan.FromSeconds(options.Value.LossLogSeconds);
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableCounter("ratio1.traffic.messages.published", ObservePublished, "{message}",
            "Messages the node's silo handed to the traffic stream provider.");
        _meter.CreateObservableCounter("ratio1.traffic.messages.dropped", ObserveDropped, "{message}",
            "Messages not delivered, by kind and reason (too_big, backlog_full, no_subscriber, expired).");
        _meter.CreateObservableUpDownCounter("ratio1.traffic.backlog.messages", () => Volatile.Read(ref _backlogMessages), "{message}",
            "Messages waiting in the publisher for the stream provider.");
        _meter.CreateObservableUpDownCounter("ratio1.traffic.buffered.bytes", ObserveBuffered, "By",
            "Bytes of traffic held by the silo: the publisher's backlog, stream queues and delivery caches.");
        _logTimer = time.CreateTimer(_ => LogLosses(), null, _logPeriod, _logPeriod);
    }

    /// <summary>Messages handed to the provider, of every kind.</summary>
    public long Published => Kinds.Sum(k => Interlocked.Read(ref _published[(int)k]));

    /// <summary>Messages not delivered, of every kind and reason.</summary>
    public long Dropped => Kinds.Sum(k => Reasons.Sum(r => Interlocked.Read(ref _dropped[(int)k, (int)r])));

    /// <summary>Messages not delivered for <paramref name="reason"/>, of every kind.</summary>
    public long DroppedFor(DropReason reason) => Kinds.Sum(k => Interlocked.Read(ref _dropped[(int)k, (int)reason]));

    /// <summary>The counts as a heartbeat carries them.</summary>
    public TrafficStats Snapshot() => new(
        Published, DroppedFor(DropReason.TooBig), DroppedFor(DropReason.BacklogFull), DroppedFor(DropReason.NoSubscriber), DroppedFor(DropReason.Expired),
        Volatile.Read(ref _backlogMessages), Volatile.Read(ref _backlogBytes) + Volatile.Read(ref _queuedBytes) + Volatile.Read(ref _cachedBytes), _maxMessageBytes);

    public void CountPublished(MessageKind kind, long count) => Interlocked.Add(ref _published[(int)kind], count);

    public void CountDropped(MessageKind kind, DropReason reason, long count) => Interlocked.Add(ref _dropped[(int)kind, (int)reason], count);

    /// <summary>The publisher's backlog changed by these amounts.</summary>
    public void TrackBacklog(long messages, long bytes)
    {
        Interlocked.Add(ref _backlogMessages, messages);
        Interlocked.Add(ref _backlogBytes, bytes);
    }

    /// <summary>A stream queue of this silo holds <paramref name="bytes"/> more (or fewer).</summary>
    public void TrackQueued(long bytes) => Interlocked.Add(ref _queuedBytes, bytes);

    /// <summary>A delivery cache of this silo holds <paramref name="bytes"/> more (or fewer).</summary>
    public void TrackCached(long bytes) => Interlocked.Add(ref _cachedBytes, bytes);

    public void Dispose()
    {
        _logTimer.Dispose();
        LogLosses();
        _meter.Dispose();
    }

    private IEnumerable<Measurement<long>> ObservePublished()
    {
        foreach (var kind in Kinds)
        {
            yield return new(Interlocked.Read(ref _published[(int)kind]), new KeyValuePair<string, object?>("ratio1.message.kind", KindTag(kind)));
        }
    }

    private IEnumerable<Measurement<long>> ObserveDropped()
    {
        foreach (var kind in Kinds)
        {
            foreach (var reason in Reasons)
            {
                yield return new(Interlocked.Read(ref _dropped[(int)kind, (int)reason]),
                    new KeyValuePair<string, object?>("ratio1.message.kind", KindTag(kind)),
                    new KeyValuePair<string, object?>("ratio1.drop.reason", ReasonTag(reason)));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveBuffered()
    {
        yield return new(Volatile.Read(ref _backlogBytes), new KeyValuePair<string, object?>("ratio1.traffic.buffer", "backlog"));
        yield return new(Volatile.Read(ref _queuedBytes), new KeyValuePair<string, object?>("ratio1.traffic.buffer", "queue"));
        yield return new(Volatile.Read(ref _cachedBytes), new KeyValuePair<string, object?>("ratio1.traffic.buffer", "cache"));
    }

    // One line per period at most, listing what was lost since the last one.
    private void LogLosses()
    {
        var lost = new StringBuilder();
        var faults = 0L;
        var unheard = 0L;
        lock (_logged)
        {
            foreach (var reason in Reasons)
            {
                foreach (var kind in Kinds)
                {
                    var now = Interlocked.Read(ref _dropped[(int)kind, (int)reason]);
                    var delta = now - _logged[(int)kind, (int)reason];
                    _logged[(int)kind, (int)reason] = now;
                    if (delta == 0)
                    {
                        continue;
                    }

                    lost.Append(lost.Length == 0 ? string.Empty : ", ")
                        .Append(CultureInfo.InvariantCulture, $"{delta:N0} {KindTag(kind)} {ReasonTag(reason)}");
                    if (reason == DropReason.NoSubscriber)
                    {
                        unheard += delta;
                    }
                    else
                    {
                        faults += delta;
                    }
                }
            }
        }

        if (faults > 0)
        {
            LogLost(_logger, faults + unheard, _logPeriod.TotalSeconds, lost.ToString(), Dropped);
        }
        else if (unheard > 0)
        {
            LogUnheard(_logger, unheard, _logPeriod.TotalSeconds);
        }
    }

    internal static string KindTag(MessageKind kind) => kind switch
    {
        MessageKind.Payload => "payload",
        MessageKind.Notification => "notification",
        _ => "heartbeat",
    };

    internal static string ReasonTag(DropReason reason) => reason switch
    {
        DropReason.TooBig => "too_big",
        DropReason.BacklogFull => "backlog_full",
        DropReason.NoSubscriber => "no_subscriber",
        _ => "expired",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Traffic: {Count} message(s) not delivered in the last {Seconds} s ({Detail}); {Total} since the silo started. See docs/streams.md, 'Bounded memory and honest loss'.")]
    private static partial void LogLost(ILogger logger, long count, double seconds, string detail, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Traffic: {Count} message(s) in the last {Seconds} s had no subscriber")]
    private static partial void LogUnheard(ILogger logger, long count, double seconds);
}
