using Ratio1.Orleans.Contracts.Security;
using System.Collections.Immutable;
using Orleans.Concurrency;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// One pipeline of one node (key: <c>GrainKeys.Pipeline(node, name)</c>). It owns the pipeline's config, including every
/// instance's config, so a change touching many instances is validated whole and written once: a rejected change
/// leaves the pipeline exactly as it was. Every accepted change makes a new version; past versions stay readable.
/// </summary>
[Alias("r1.IPipelineGrain")]
public interface IPipelineGrain : IGrainWithStringKey
{
    /// <summary><c>UPDATE_CONFIG</c>: creates the pipeline, or delta-merges <paramref name="payload"/> into it (<c>PLUGINS</c> replaced wholesale).</summary>
    [Alias("update-config"), Access(AccessRole.Operator)]
    Task<DeployOutcome> UpdateConfigAsync(ConfigMap payload, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the pipeline exactly <paramref name="document"/> (created if absent): unlike <see cref="UpdateConfigAsync"/>,
    /// keys missing from the document are removed. Used by clients that send the whole desired config.
    /// </summary>
    [Alias("replace-config"), Access(AccessRole.Operator)]
    Task<DeployOutcome> ReplaceConfigAsync(ConfigMap document, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>UPDATE_PIPELINE_INSTANCE</c> (one update) or <c>BATCH_UPDATE_PIPELINE_INSTANCE</c> (several): all or nothing.</summary>
    [Alias("update-instances"), Access(AccessRole.Operator)]
    Task<DeployOutcome> UpdateInstancesAsync(ImmutableArray<InstanceUpdate> updates, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks instance updates against the current config without applying them; throws what applying would throw.
    /// Returns the version checked, to apply them conditionally on it.
    /// </summary>
    [Alias("validate-instance-updates"), Access(AccessRole.Operator)]
    Task<int> ValidateInstanceUpdatesAsync(ImmutableArray<InstanceUpdate> updates, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>ARCHIVE_CONFIG</c>: stops the pipeline but keeps it and its history; a later deploy revives it.</summary>
    [Alias("archive"), Access(AccessRole.Operator)]
    Task<DeployOutcome> ArchiveAsync(ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE_CONFIG</c>: removes the pipeline and its history. Returns the last version it had.</summary>
    [Alias("delete"), Access(AccessRole.Operator)]
    Task<int> DeleteAsync(ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Makes the config of <paramref name="version"/> current again, as a new version.</summary>
    [Alias("rollback"), Access(AccessRole.Operator)]
    Task<DeployOutcome> RollbackAsync(int version, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>The pipeline at <paramref name="version"/> (null: the latest).</summary>
    [Alias("get"), Access(AccessRole.Viewer)]
    Task<PipelineSnapshot> GetAsync(int? version = null, CancellationToken cancellationToken = default);

    /// <summary>A one-line summary, or null when the pipeline does not exist. Answered even while a change is in flight.</summary>
    [Alias("get-summary"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<PipelineSummary?> GetSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>One instance's config and version (without runtime status), or null when the pipeline has no such instance.</summary>
    [Alias("get-instance"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<PluginInstanceSnapshot?> GetInstanceAsync(string signature, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>History, newest first: up to <paramref name="limit"/> versions below <paramref name="beforeVersion"/> (null: from the latest).</summary>
    [Alias("get-history"), Access(AccessRole.Viewer)]
    Task<ImmutableArray<PipelineRevisionInfo>> GetHistoryAsync(int? beforeVersion = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks this pipeline's history chain end to end as stored (not from memory): each version's config hash and
    /// record hash, each link to the version before, each signed request's signature, sender, destination and, for
    /// whole-config changes, config. Names the first version that does not check out.
    /// </summary>
    [Alias("verify-history"), Access(AccessRole.Viewer)]
    Task<HistoryVerification> VerifyHistoryAsync(CancellationToken cancellationToken = default);
}
