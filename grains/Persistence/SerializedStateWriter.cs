namespace Ratio1.Orleans.Grains.Persistence;

/// <summary>
/// Runs the writes of one <see cref="IPersistentState{TState}"/> one after the other. Grains whose interleaving
/// methods change state (always-interleave callbacks) could otherwise start a second write while the first is in
/// flight, both carrying the same ETag, and fail the second with a false conflict.
/// </summary>
public sealed class SerializedStateWriter<TState>(IPersistentState<TState> state)
{
    private Task? _inFlight;

    public IPersistentState<TState> State => state;

    /// <summary>Writes the current state once any write already in flight has finished.</summary>
    public async Task WriteAsync()
    {
        // Grain turns never run in parallel, so this check-then-set cannot race.
        while (_inFlight is { } previous)
        {
            await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
        }

        var write = state.WriteStateAsync();
        _inFlight = write;
        try
        {
            await write;
        }
        finally
        {
            _inFlight = null;
        }
    }
}
