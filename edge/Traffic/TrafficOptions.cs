using System.Globalization;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// Which stream provider carries the node's traffic (payloads, notifications, heartbeats), how its queues are polled,
/// and the bounds that keep traffic from growing the silo's memory whatever the load and whoever listens
/// (configuration section <c>Traffic</c>). Every silo of a cluster must use the same provider, and so must its
/// clients (<c>Ratio1SessionOptions.Traffic</c>).
/// </summary>
public sealed class TrafficOptions
{
    public const string SectionName = "Traffic";

    /// <summary>
    /// Memory queues by default. Each queue is polled by its own agent every pulling period even when idle, so on a
    /// small edge box fewer queues cost less idle CPU (about 0.6 % of a core each at 25 ms; docs/streams.md). Two rather
    /// than one, so a busy pipeline's payloads are less often queued ahead of the node's notifications.
    /// </summary>
    public const int DefaultMemoryQueues = 2;

    /// <summary>ADO.NET queues by default: one shared database gains little from more (and each costs a poll).</summary>
    public const int DefaultAdoNetQueues = 1;

    /// <summary>Polled every 25 ms rather than Orleans' 100 ms: acknowledgements and payloads reach clients sooner.</summary>
    public const int DefaultPullingPeriodMs = 25;

    /// <summary>An empty memory queue is still read once a second, in case a doorbell could not ring (see <see cref="IdlePollingPeriodMs"/>).</summary>
    public const int DefaultIdlePollingPeriodMs = 1000;

    private const long MiB = 1024 * 1024;

    /// <summary><c>memory</c> (default) or <c>adonet</c> (durable, PostgreSQL storage only).</summary>
    public TrafficProvider Provider { get; set; } = TrafficProvider.Memory;

    /// <summary>Queues the traffic streams are spread over; default <see cref="DefaultMemoryQueues"/> or <see cref="DefaultAdoNetQueues"/>.</summary>
    public int? Queues { get; set; }

    /// <summary>Milliseconds between two polls of a queue by its pulling agent (default <see cref="DefaultPullingPeriodMs"/>).</summary>
    public int PullingPeriodMs { get; set; } = DefaultPullingPeriodMs;

    /// <summary>
    /// Memory provider: once a queue is found empty its agent waits for a publisher to ring the queue's doorbell and
    /// reads it at once, or reads it anyway after this many milliseconds (default 1000); 0 polls it every pulling period
    /// as before. An idle node then wakes about once a second per queue instead of 40 times.
    /// </summary>
    public int IdlePollingPeriodMs { get; set; } = DefaultIdlePollingPeriodMs;

    /// <summary>
    /// The largest message (payload, notification, heartbeat, command, pushed input) the node sends or accepts, in bytes
    /// on the wire (default about 1 MB). A larger payload is refused and reported by its instance as an <c>EXCEPTION</c>
    /// notification; a larger command or input is refused to its sender.
    /// </summary>
    public long MaxMessageBytes { get; set; } = MessageSize.DefaultLimit;

    /// <summary>
    /// Memory the publisher may hold for messages handed over by plugins but not yet accepted by the provider (default
    /// 16 MiB): the node's buffer while it is cut off from its provider (with ADO.NET traffic, while the database is
    /// down). When it is full the oldest are dropped (counted as <c>backlog_full</c>, and reported in a
    /// <c>COMMS_FAILED</c> notification once the provider takes messages again).
    /// </summary>
    public int BacklogMiB { get; set; } = 16;

    /// <summary>
    /// How long a message may wait in the publisher for a provider that answers but is slower than the node before it
    /// is dropped as <c>expired</c> (default 30 s). Time during which the provider is unreachable does not count: a
    /// cut-off node keeps its messages (bounded by <see cref="BacklogMiB"/>) and sends them in order when it is back.
    /// </summary>
    public int BacklogSeconds { get; set; } = 30;

    /// <summary>
    /// Memory each memory-stream queue may hold between publishers and its pulling agent (default 8 MiB). A full queue
    /// refuses new messages (counted as <c>backlog_full</c>). Memory provider only.
    /// </summary>
    public int QueueMiB { get; set; } = 8;

    /// <summary>
    /// Memory each queue's delivery cache may hold (default 8 MiB): messages read from the queue and not yet delivered
    /// to every subscriber. When it is full the oldest are evicted; a subscriber too slow to read them before then
    /// skips them (counted as <c>expired</c>), and messages nobody subscribed to are counted as <c>no_subscriber</c>.
    /// With ADO.NET traffic it sets the number of batches cached (about one per 16 KiB).
    /// </summary>
    public int CacheMiB { get; set; } = 8;

    /// <summary>The longest a message stays in the delivery cache, delivered or not (default 30 s).</summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>
    /// ADO.NET provider: milliseconds a queue's new receiver (its silo just started, or the queue just moved to it)
    /// waits before it reads (default 3000), so the clients of a restarted silo can reconnect and subscribe again
    /// first; Orleans confirms a message that has no subscriber when it reads it. Then it makes the messages an earlier
    /// receiver read and never confirmed visible again and delivers from the oldest (docs/streams.md). 0: read at once.
    /// </summary>
    public int AdoNetResumeDelayMs { get; set; } = 3000;

    /// <summary>At most one log line about dropped messages per this many seconds (default 60).</summary>
    public int LossLogSeconds { get; set; } = 60;

    /// <summary>The number of queues to use, with the provider's default resolved.</summary>
    public int ResolveQueues() => Queues ?? (Provider == TrafficProvider.AdoNet ? DefaultAdoNetQueues : DefaultMemoryQueues);

    /// <summary>The publisher's backlog in bytes.</summary>
    public long BacklogBytes => BacklogMiB * MiB;

    /// <summary>One memory queue's capacity in bytes.</summary>
    public long QueueBytes => QueueMiB * MiB;

    /// <summary>One delivery cache's capacity in bytes.</summary>
    public long CacheBytes => CacheMiB * MiB;

    /// <summary>Batches an ADO.NET queue's cache holds (Orleans' simple cache counts batches, not bytes).</summary>
    public int AdoNetCacheBatches() => (int)Math.Clamp(CacheBytes / (16 * 1024), 64, 4096);

    /// <summary>What is wrong with these settings on a silo with <paramref name="storage"/>, each naming its switch and value.</summary>
    public IEnumerable<string> Problems(StorageProvider storage)
    {
        if (Provider == TrafficProvider.AdoNet && storage != StorageProvider.Postgres)
        {
            yield return $"--traffic (Traffic:Provider) 'adonet' needs --storage postgres, but the storage is '{storage.ToString().ToLowerInvariant()}': " +
                         "Orleans' ADO.NET streams keep their queues in the cluster's PostgreSQL database and cannot run on SQLite. " +
                         "Use --traffic memory, or --storage postgres.";
        }

        if (Queues is < 1 or > 64)
        {
            yield return $"--traffic-queues (Traffic:Queues) {Queues} must be between 1 and 64";
        }

        if (PullingPeriodMs is < 1 or > 60_000)
        {
            yield return $"--traffic-pulling-ms (Traffic:PullingPeriodMs) {PullingPeriodMs} must be between 1 and 60000";
        }

        if (IdlePollingPeriodMs != 0 && (IdlePollingPeriodMs < PullingPeriodMs || IdlePollingPeriodMs > 60_000))
        {
            yield return $"Traffic:IdlePollingPeriodMs {IdlePollingPeriodMs} must be 0 (read every pulling period) or between the pulling period ({PullingPeriodMs}) and 60000";
        }

        if (MaxMessageBytes is < 1024 or > 64 * MiB)
        {
            yield return Invariant($"--traffic-max-message-bytes (Traffic:MaxMessageBytes) {MaxMessageBytes} must be between 1024 and {64 * MiB} (64 MiB)");
            yield break;
        }

        // A buffer must hold a few of the largest messages, or one large message would evict everything else.
        foreach (var (name, value, share) in new[] { ("BacklogMiB", BacklogMiB, 6), ("QueueMiB", QueueMiB, 2), ("CacheMiB", CacheMiB, 2) })
        {
            if (value < 1 || value > 4096)
            {
                yield return $"Traffic:{name} {value} must be between 1 and 4096";
            }
            else if (value * MiB < share * MaxMessageBytes)
            {
                yield return Invariant($"Traffic:{name} {value} is too small for Traffic:MaxMessageBytes {MaxMessageBytes}: it must hold at least {share} of the largest messages ({(share * MaxMessageBytes + MiB - 1) / MiB} MiB)");
            }
        }

        if (AdoNetResumeDelayMs is < 0 or > 600_000)
        {
            yield return $"Traffic:AdoNetResumeDelayMs {AdoNetResumeDelayMs} must be between 0 and 600000";
        }

        foreach (var (name, value, max) in new[] { ("BacklogSeconds", BacklogSeconds, 3600), ("CacheSeconds", CacheSeconds, 3600), ("LossLogSeconds", LossLogSeconds, 86_400) })
        {
            if (value < 1 || value > max)
            {
                yield return $"Traffic:{name} {value} must be between 1 and {max}";
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
