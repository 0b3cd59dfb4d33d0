using Orleans.Storage;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Storage.Faults;

/// <summary>
/// Wraps a grain storage provider so that a database failure reaches callers as
/// <see cref="StorageUnavailableException"/>. A read fails before a grain activates, where no grain call filter runs:
/// without this, the driver's exception would travel to a client that cannot even deserialize it.
/// </summary>
internal sealed class TypedFailureGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
        }
        catch (Exception e) when (e is not StorageUnavailableException && DatabaseFailure.Find(e) is { } failure)
        {
            throw StorageUnavailableException.ForRead(grainId.Key.ToString(), failure.Reason);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }
        catch (Exception e) when (e is not StorageUnavailableException && DatabaseFailure.Find(e) is { } failure)
        {
            throw new StorageUnavailableException($"writing {grainId.Key}", failure.Reason);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
        }
        catch (Exception e) when (e is not StorageUnavailableException && DatabaseFailure.Find(e) is { } failure)
        {
            throw new StorageUnavailableException($"deleting {grainId.Key}", failure.Reason);
        }
    }

    // The provider reads its query texts when the silo starts.
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
