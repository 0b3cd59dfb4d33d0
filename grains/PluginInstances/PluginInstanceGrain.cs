using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.PluginInstances;

/// <summary>
/// A plugin instance. Its config is read from its pipeline, which owns it so that multi-instance changes stay
/// atomic; the instance persists what only it knows, the runtime status its node reports (stored when its config
/// version, last error or lasting state changes; counters and running/failing flips between two such changes are
/// kept in memory).
/// </summary>
public sealed class PluginInstanceGrain(
    [PersistentState("plugin-instance", StorageNames.State)] IPersistentState<PluginInstanceRecord> state) : Grain, IPluginInstanceGrain
{
    private (string Node, string Pipeline, string Signature, string InstanceId) _id;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _id = GrainKeys.ParseInstance(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<PluginInstanceSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var pipeline = GrainFactory.GetPipeline(_id.Node, _id.Pipeline);
        var snapshot = await pipeline.GetInstanceAsync(_id.Signature, _id.InstanceId, cancellationToken);
        if (snapshot is null)
        {
            throw await pipeline.GetSummaryAsync(cancellationToken) is null
                ? new PipelineNotFoundException(_id.Node, _id.Pipeline)
                : new InstanceNotFoundException(_id.Node, _id.Pipeline, _id.Signature, _id.InstanceId);
        }

        return snapshot with { Status = state.State.Status?.ToStatus() };
    }

    public Task<DeployOutcome> UpdateConfigAsync(ConfigMap delta, ChangeRequest request, CancellationToken cancellationToken = default) =>
        GrainFactory.GetPipeline(_id.Node, _id.Pipeline)
            .UpdateInstancesAsync([new InstanceUpdate(_id.Signature, _id.InstanceId, delta)], request, cancellationToken);

    public async Task ReportStatusAsync(PluginInstanceStatus status, CancellationToken cancellationToken = default)
    {
        // A report that crossed the instance's removal must not bring back what the pipeline made it forget.
        if (await GrainFactory.GetPipeline(_id.Node, _id.Pipeline).GetInstanceAsync(_id.Signature, _id.InstanceId, cancellationToken) is null)
        {
            return;
        }

        var previous = state.State;
        state.State = new PluginInstanceRecord { Status = PluginInstanceRecord.StoredStatus.From(status) };

        // Counters, and flips between running and failing, change often and are cheap to lose: kept in memory, stored
        // with the next lasting change (config version, last error, or a state such as paused or stopped).
        if (previous.Status is { } stored && !Lasting(stored, status))
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    public async Task ForgetAsync(CancellationToken cancellationToken = default)
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync(cancellationToken);
        }

        state.State = new PluginInstanceRecord();
        DeactivateOnIdle();
    }

    private static bool Lasting(PluginInstanceRecord.StoredStatus stored, PluginInstanceStatus status) =>
        stored.ConfigVersion != status.ConfigVersion || stored.LastError != status.LastError
        || (stored.State != status.State && !(Transient(stored.State) && Transient(status.State)));

    private static bool Transient(PluginInstanceState state) => state is PluginInstanceState.Running or PluginInstanceState.Failing;
}
