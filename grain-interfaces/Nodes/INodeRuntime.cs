using Ratio1.Orleans.Contracts.Commands;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>
/// The runtime executing a node's pipelines on its own silo, as the node grain reaches it: config changes are pushed
/// (and also reconciled periodically, so a lost push heals), commands and inputs are delivered.
/// </summary>
[Alias("r1.INodeRuntime")]
public interface INodeRuntime : IGrainObserver
{
    /// <summary>A pipeline of the node changed (created, updated, archived or deleted); the runtime reloads it.</summary>
    [Alias("pipeline-changed")]
    Task OnPipelineChangedAsync(string pipeline, int version);

    /// <summary>Delivers an instance command; completes once it is queued for the instance.</summary>
    [Alias("instance-command")]
    Task DeliverInstanceCommandAsync(InstanceCommand command);

    /// <summary>Delivers a pipeline command to the capture source; completes once it is queued.</summary>
    [Alias("pipeline-command")]
    Task DeliverPipelineCommandAsync(PipelineCommand command);

    /// <summary>Delivers an input to an <c>OnDemandInput</c> pipeline; completes once it is queued.</summary>
    [Alias("push-input")]
    Task DeliverInputAsync(PipelineInput input);
}
