namespace Ratio1.Orleans.Bench.Probes;

/// <summary>The baseline: a bare grain call that writes one small state through the same storage provider.</summary>
[Alias("bench.IStateWriteProbeGrain")]
public interface IStateWriteProbeGrain : IGrainWithStringKey
{
    [Alias("write")]
    Task<int> WriteAsync(int value);
}
