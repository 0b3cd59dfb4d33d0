namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// The Orleans stream provider that carries the traffic streams (<see cref="TrafficStreams.ProviderName"/>). The silos
/// and the clients of one cluster must register the same one.
/// </summary>
public enum TrafficProvider
{
    /// <summary>Orleans memory streams: fast, nothing to set up; queued messages are lost with the silo that holds them.</summary>
    Memory = 0,

    /// <summary>
    /// Orleans' ADO.NET streams on the cluster's PostgreSQL database: queued messages survive a silo restart and are
    /// delivered at least once; slower, and only with PostgreSQL storage.
    /// </summary>
    AdoNet = 1,
}
