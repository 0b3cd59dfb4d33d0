namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>One running instance of a heartbeat (<c>ACTIVE_PLUGINS[i]</c>).</summary>
[GenerateSerializer, Immutable, Alias("r1.active-plugin-info")]
public sealed record ActivePluginInfo(
    [property: Id(0)] string StreamId,
    [property: Id(1)] string Signature,
    [property: Id(2)] string InstanceId,
    [property: Id(3)] double ProcessDelay,
    [property: Id(4)] double Frequency,
    [property: Id(5)] DateTimeOffset? InitTimestamp,
    [property: Id(6)] DateTimeOffset? ExecTimestamp,
    [property: Id(7)] DateTimeOffset? LastConfigTimestamp,
    [property: Id(8)] DateTimeOffset? LastErrorTime,
    [property: Id(9)] bool OutsideWorkingHours,
    [property: Id(10)] long CurrentProcessIteration,
    [property: Id(11)] long CurrentExecIteration,
    [property: Id(12)] DateTimeOffset? LastPayloadTime,
    [property: Id(13)] long TotalPayloadCount,
    [property: Id(14)] string? Info);
