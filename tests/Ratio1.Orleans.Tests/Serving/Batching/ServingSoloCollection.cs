namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>
/// Tests that measure sub-millisecond waits or the managed heap run alone: on two cores, other tests' threads and
/// allocations would blur what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServingSoloCollection
{
    public const string Name = "serving, alone";
}
