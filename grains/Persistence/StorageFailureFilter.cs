using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Storage.Faults;

namespace Ratio1.Orleans.Grains.Persistence;

/// <summary>
/// Turns database failures inside grain calls (history and listing queries, which bypass grain storage) into
/// <see cref="StorageUnavailableException"/>: callers get a typed, serializable error that says what happened, instead
/// of a driver exception that cannot cross the wire. Grain state reads and writes are typed by the storage itself
/// (<c>TypedFailureGrainStorage</c>), including the read that activates a grain, where no filter runs.
/// </summary>
public sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not Ratio1Exception && DatabaseFailure.Find(e) is { } failure)
        {
            // The reason names the kind of failure, never the server's address or the connection string.
            throw new StorageUnavailableException($"{context.InterfaceName}.{context.MethodName}", failure.Reason);
        }
    }
}
