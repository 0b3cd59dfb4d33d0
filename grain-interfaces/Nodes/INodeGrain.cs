using Ratio1.Orleans.Contracts.Security;
using System.Collections.Immutable;
using Orleans.Concurrency;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>
/// An edge node (key: <c>GrainKeys.Node(nodeId)</c>): identity, alias, tags, plugin signatures, liveness and its
/// pipelines (its desired state). Node-wide commands (<c>ARCHIVE_CONFIG_ALL</c>, <c>DELETE_CONFIG_ALL</c>, cross-pipeline batches) start here.
/// </summary>
[Alias("r1.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>Called by the node's silo when it starts serving the node.</summary>
    [Alias("register"), Internal]
    Task<NodeInfo> RegisterAsync(NodeRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Called by the node's runtime with every heartbeat: it is alive, and this is where to reach it.</summary>
    [Alias("report-presence"), Internal, AlwaysInterleave]
    Task ReportPresenceAsync(string siloAddress, INodeRuntime? runtime, CancellationToken cancellationToken = default);

    /// <summary>Called by the node's pipeline grains after each committed change: forwards it, whole, to the running node, if any.</summary>
    [Alias("pipeline-committed"), Internal, AlwaysInterleave, OneWay]
    Task NotifyPipelineCommittedAsync(PipelineCommit commit, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many live (not archived) pipelines the node has besides <paramref name="except"/>: what a pipeline grain
    /// checks the pipelines-per-node limit against when it creates or revives a pipeline.
    /// </summary>
    [Alias("count-live-pipelines"), Internal, AlwaysInterleave]
    Task<int> CountLivePipelinesAsync(string except, CancellationToken cancellationToken = default);

    /// <summary>Sends an <c>INSTANCE_COMMAND</c> to the running node. Throws <see cref="Errors.NodeUnavailableException"/> when it is not running.</summary>
    [Alias("send-instance-command"), Access(AccessRole.Operator), AlwaysInterleave]
    Task SendInstanceCommandAsync(Commands.InstanceCommand command, CancellationToken cancellationToken = default);

    /// <summary>Sends a <c>PIPELINE_COMMAND</c> to the running node. Throws <see cref="Errors.NodeUnavailableException"/> when it is not running.</summary>
    [Alias("send-pipeline-command"), Access(AccessRole.Operator), AlwaysInterleave]
    Task SendPipelineCommandAsync(Commands.PipelineCommand command, CancellationToken cancellationToken = default);

    /// <summary>Pushes an input into an <c>OnDemandInput</c> pipeline of the running node.</summary>
    [Alias("push-input"), Access(AccessRole.Operator), AlwaysInterleave]
    Task PushInputAsync(Commands.PipelineInput input, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything the node registered it offers (signatures, capture types and plugins with their rules), in one
    /// call: what a deploy is checked against.
    /// </summary>
    [Alias("get-offer"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<NodeOffer> GetOfferAsync(CancellationToken cancellationToken = default);

    /// <summary>Called by the node's silo when it shuts down cleanly.</summary>
    [Alias("unregister"), Internal]
    Task UnregisterAsync(string siloAddress, CancellationToken cancellationToken = default);

    /// <summary>The node, or null when it has never registered. Answered even while a node-wide command runs.</summary>
    [Alias("get-info"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<NodeInfo?> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The node's liveness (null when it never registered), answered from the grain's memory without a storage query.
    /// Answered even while a node-wide command runs.
    /// </summary>
    [Alias("get-status"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<NodeStatus?> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the node has ever registered. Answered even while a node-wide command runs.</summary>
    [Alias("is-registered"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<bool> IsRegisteredAsync(CancellationToken cancellationToken = default);

    /// <summary>The node's pipelines (archived ones too when <paramref name="includeArchived"/>), by name.</summary>
    [Alias("list-pipelines"), Access(AccessRole.Viewer)]
    Task<ImmutableArray<PipelineSummary>> ListPipelinesAsync(bool includeArchived = false, CancellationToken cancellationToken = default);

    /// <summary><c>ARCHIVE_CONFIG_ALL</c>: archives every live pipeline of the node.</summary>
    [Alias("archive-all"), Access(AccessRole.Operator)]
    Task<ImmutableArray<DeployOutcome>> ArchiveAllAsync(ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE_CONFIG_ALL</c>: deletes every pipeline of the node. Returns the names deleted.</summary>
    [Alias("delete-all"), Access(AccessRole.Operator)]
    Task<ImmutableArray<string>> DeleteAllAsync(ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>BATCH_UPDATE_PIPELINE_INSTANCE</c> across pipelines: every update is validated against its pipeline first and
    /// nothing is applied unless all pass; then each pipeline applies its share atomically, conditional on the version
    /// it was checked at. If a share then fails (the pipeline changed meanwhile, or storage failed), the shares already
    /// applied are rolled back (as new versions) and the failure is thrown.
    /// </summary>
    [Alias("batch-update-instances"), Access(AccessRole.Operator)]
    Task<ImmutableArray<DeployOutcome>> BatchUpdateInstancesAsync(ImmutableArray<PipelineInstanceUpdate> updates, ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a model to the node (or replaces the one of that name) and returns its status. The node loads it first;
    /// a file it cannot load, or a declaration with a bad field, is refused with an error naming the field and
    /// nothing changes. Stored with the node, so its silo loads it again when it restarts. The node must be online.
    /// </summary>
    [Alias("add-model"), Access(AccessRole.Admin)]
    Task<ModelStatus> AddModelAsync(ModelDeclaration declaration, CancellationToken cancellationToken = default);

    /// <summary>Removes a model the node was given by a client (one declared in the silo's settings stays); works on a stopped node too (it is not loaded when the node starts).</summary>
    [Alias("remove-model"), Access(AccessRole.Admin)]
    Task RemoveModelAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The models of a running node, with state, execution provider and statistics.</summary>
    [Alias("list-models"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<ImmutableArray<ModelStatus>> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>The models clients added to the node, as stored (its silo loads them when it starts).</summary>
    [Alias("get-model-declarations"), Access(AccessRole.Viewer), AlwaysInterleave]
    Task<ImmutableArray<ModelDeclaration>> GetModelDeclarationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs one item through a model of the running node, batched with its other requests to that model.</summary>
    [Alias("infer"), Access(AccessRole.Operator), AlwaysInterleave]
    Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap parameters, CancellationToken cancellationToken = default);

    /// <summary>
    /// The running node's runtime, for a caller that then calls it directly (one hop, e.g. a client's inference
    /// requests: their inputs then cross the wire once instead of twice). Valid until the node's silo stops or the node
    /// moves; a caller that gets a delivery failure from it asks again. Throws <see cref="Errors.NodeNotFoundException"/>
    /// for a node that never registered and <see cref="Errors.NodeUnavailableException"/> when it is not running.
    /// </summary>
    [Alias("get-runtime"), Access(AccessRole.Operator, OnlyWhenSecurityOff = true), AlwaysInterleave]
    Task<INodeRuntime> GetRuntimeAsync(CancellationToken cancellationToken = default);
}
