namespace Ratio1.Orleans.Plugins;

/// <summary>Which pipelines' payloads a capture source watches (<see cref="ICaptureContext.WatchPayloadsAsync"/>).</summary>
/// <param name="IncludeNode">Whether a node's pipelines can be picked at all (nodes left out are not even listed).</param>
/// <param name="IncludePipeline">Whether the pipeline (node, name) is picked.</param>
/// <param name="DiscoveryPeriod">How often the cluster's pipelines are listed again; a pipeline that announces itself is joined at once.</param>
/// <param name="DiscoveryFailed">Told about a background listing that failed (the next one tries again); null to ignore.</param>
public sealed record PayloadSelection(
    Func<string, bool> IncludeNode,
    Func<string, string, bool> IncludePipeline,
    TimeSpan DiscoveryPeriod,
    Action<Exception>? DiscoveryFailed = null);
