using System.Data.Common;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Grains.Persistence;

/// <summary>
/// Turns database failures inside grain calls into <see cref="StorageUnavailableException"/>: callers get a typed,
/// serializable error that says what happened, instead of a driver exception that cannot cross the wire.
/// </summary>
public sealed class StorageFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not Ratio1Exception && FindDatabaseError(e) is { } database)
        {
            throw new StorageUnavailableException($"{context.InterfaceName}.{context.MethodName}", database.Message);
        }
    }

    private static DbException? FindDatabaseError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException database)
            {
                return database;
            }
        }

        return null;
    }
}
