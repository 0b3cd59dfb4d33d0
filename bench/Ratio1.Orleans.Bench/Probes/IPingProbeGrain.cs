namespace Ratio1.Orleans.Bench.Probes;

/// <summary>The baseline of a node's heartbeat: a bare call to an active grain that does nothing.</summary>
[Alias("bench.IPingProbeGrain")]
public interface IPingProbeGrain : IGrainWithStringKey
{
    [Alias("ping")]
    Task PingAsync(string siloAddress, CancellationToken cancellationToken = default);
}
