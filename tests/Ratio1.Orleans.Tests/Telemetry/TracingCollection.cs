namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>
/// Tests whose silo records traces. Activity listeners are process-wide: while one listens, every silo and client in
/// the test process starts spans, which would change what the other tests measure (allocations, CPU). These run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "Traced silo";
}
