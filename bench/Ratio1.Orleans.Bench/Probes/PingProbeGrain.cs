namespace Ratio1.Orleans.Bench.Probes;

public sealed class PingProbeGrain : Grain, IPingProbeGrain
{
    public Task PingAsync(string siloAddress, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
