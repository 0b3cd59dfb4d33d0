using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Contracts.Plugins;

/// <summary>
/// One plugin instance (key: <c>GrainKeys.Instance(node, pipeline, signature, instanceId)</c>). Its config lives in
/// its pipeline (so multi-instance changes stay atomic); this grain serves it and persists the runtime status the
/// node reports.
/// </summary>
[Alias("r1.IPluginInstanceGrain")]
public interface IPluginInstanceGrain : IGrainWithStringKey
{
    /// <summary>Config, version and last status. Throws when the instance does not exist.</summary>
    [Alias("get"), Access(AccessRole.Viewer)]
    Task<PluginInstanceSnapshot> GetAsync(CancellationToken cancellationToken = default);

    /// <summary><c>UPDATE_PIPELINE_INSTANCE</c> on this instance.</summary>
    [Alias("update-config"), Access(AccessRole.Operator)]
    Task<DeployOutcome> UpdateConfigAsync(ConfigMap delta, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called by the node runtime to record the instance's status: at once when its state or config version changes,
    /// periodically for its counters. Ignored when the pipeline no longer has the instance.
    /// </summary>
    [Alias("report-status"), Internal]
    Task ReportStatusAsync(PluginInstanceStatus status, CancellationToken cancellationToken = default);

    /// <summary>Called by the pipeline when the instance is removed or the pipeline deleted: drops what the instance kept.</summary>
    [Alias("forget"), Internal]
    Task ForgetAsync(CancellationToken cancellationToken = default);
}
