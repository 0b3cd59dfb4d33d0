using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.Telemetry;

/// <summary>
/// Which stream provider carries the node's traffic (payloads, notifications, heartbeats) and how its queues are
/// polled (configuration section <c>Traffic</c>). Every silo of a cluster must use the same provider, and so must its
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

    /// <summary><c>memory</c> (default) or <c>adonet</c> (durable, PostgreSQL storage only).</summary>
    public TrafficProvider Provider { get; set; } = TrafficProvider.Memory;

    /// <summary>Queues the traffic streams are spread over; default <see cref="DefaultMemoryQueues"/> or <see cref="DefaultAdoNetQueues"/>.</summary>
    public int? Queues { get; set; }

    /// <summary>Milliseconds between two polls of a queue by its pulling agent (default <see cref="DefaultPullingPeriodMs"/>).</summary>
    public int PullingPeriodMs { get; set; } = DefaultPullingPeriodMs;

    /// <summary>The number of queues to use, with the provider's default resolved.</summary>
    public int ResolveQueues() => Queues ?? (Provider == TrafficProvider.AdoNet ? DefaultAdoNetQueues : DefaultMemoryQueues);

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
    }
}
