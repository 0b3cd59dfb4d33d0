using Orleans.Concurrency;
using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>
/// The runtime executing a node's pipelines on its own silo, as the node grain reaches it: each committed config change
/// is pushed whole (and also reconciled periodically, so a lost push heals), commands and inputs are delivered.
/// </summary>
[Alias("r1.INodeRuntime")]
public interface INodeRuntime : IGrainObserver
{
    /// <summary>
    /// A pipeline of the node was committed (created, updated, archived or deleted): the runtime applies the version
    /// pushed without reading it back, unless it already runs that version or a newer one.
    /// </summary>
    [Alias("pipeline-committed")]
    Task OnPipelineCommittedAsync(Pipelines.PipelineCommit commit);

    /// <summary>Delivers an instance command; completes once it is queued for the instance.</summary>
    [Alias("instance-command")]
    Task DeliverInstanceCommandAsync(InstanceCommand command);

    /// <summary>Delivers a pipeline command to the capture source; completes once it is queued.</summary>
    [Alias("pipeline-command")]
    Task DeliverPipelineCommandAsync(PipelineCommand command);

    /// <summary>Delivers an input to an <c>OnDemandInput</c> pipeline; completes once it is queued.</summary>
    [Alias("push-input")]
    Task DeliverInputAsync(PipelineInput input);

    /// <summary>
    /// Loads (or replaces) a model on the node's serving engine and returns its status once it serves; a model that
    /// cannot be loaded throws and changes nothing.
    /// </summary>
    [Alias("load-model"), AlwaysInterleave]
    Task<ModelStatus> LoadModelAsync(ModelDeclaration declaration);

    /// <summary>Stops serving a model; false when the node has none by that name.</summary>
    [Alias("unload-model"), AlwaysInterleave]
    Task<bool> UnloadModelAsync(string name);

    /// <summary>Every model of the node with its state, provider and statistics.</summary>
    [Alias("get-models"), AlwaysInterleave]
    Task<ImmutableArray<ModelStatus>> GetModelsAsync();

    /// <summary>Runs one item through a model of the node (batched with the node's other requests to it).</summary>
    // Interleaved: the node's serving engine batches concurrent requests, so they must not wait for one another here.
    [Alias("infer"), AlwaysInterleave]
    Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap parameters, CancellationToken cancellationToken = default);
}
