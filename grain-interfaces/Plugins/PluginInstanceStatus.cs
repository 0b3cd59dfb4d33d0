namespace Ratio1.Orleans.Contracts.Plugins;

/// <summary>What the node last reported about an instance (see docs/plugins.md, "Instance status").</summary>
/// <param name="State">What the instance was doing.</param>
/// <param name="ReportedAt">When the node reported it (counters may be newer than the last stored change).</param>
/// <param name="ConfigVersion">The version of the instance's config it runs (compare with the instance's current version).</param>
/// <param name="ExecutionCount">Executions since the instance (re)started on its node.</param>
/// <param name="PayloadCount">Payloads it sent since it (re)started on its node.</param>
/// <param name="LastError">Its last failure (<c>Type: message</c>), kept after it runs again; null when it never failed.</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> happened.</param>
[GenerateSerializer, Immutable, Alias("r1.plugin-instance-status")]
public sealed record PluginInstanceStatus(
    [property: Id(0)] PluginInstanceState State,
    [property: Id(1)] DateTimeOffset ReportedAt,
    [property: Id(2)] int ConfigVersion,
    [property: Id(3)] long ExecutionCount = 0,
    [property: Id(4)] long PayloadCount = 0,
    [property: Id(5)] string? LastError = null,
    [property: Id(6)] DateTimeOffset? LastErrorAt = null);
