using Orleans.Streams;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// One Orleans subscription to one stream, shared by every handler of its owner (a client session, or a node's
/// listening capture sources) that wants that stream: each message crosses the network once, whatever the number of
/// handlers. Unsubscribes when the last handler leaves. A handler that throws is reported and skipped; the others, and
/// the stream, go on. After its owner reconnects to a restarted cluster, <see cref="RestoreAsync"/> subscribes it again.
/// Handlers see each message once, in order per sending instance: what a durable provider delivers again (at or below
/// the last sequence of its path) is skipped (<see cref="RedeliveryFilter"/>).
/// </summary>
internal sealed class StreamTap<T>(IAsyncStream<T> stream, Action<Exception> onHandlerError) : IStreamTap
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RedeliveryFilter _redeliveries = new();
    private ImmutableHandlers _handlers = ImmutableHandlers.Empty;
    private StreamSubscriptionHandle<T>? _subscription;

    // An unsubscribe that could not reach the cluster may have left a subscription of ours in a durable pub/sub store.
    private bool _mayHaveStaleSubscriptions;

    /// <inheritdoc />
    public long RedeliveriesSkipped => _redeliveries.Skipped;

    /// <summary>Adds a handler (subscribing on the first); dispose the result to remove it.</summary>
    public async Task<IAsyncDisposable> AddAsync(Func<T, Task> handler)
    {
        await _gate.WaitAsync();
        try
        {
            _handlers = _handlers.Add(handler);
            try
            {
                _subscription ??= await stream.SubscribeAsync((item, _) => DispatchAsync(item));
            }
            catch
            {
                // The caller gets no registration to dispose, so the handler must not stay.
                _handlers = _handlers.Remove(handler);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }

        return new Registration(this, handler);
    }

    /// <summary>
    /// Subscribes again after the connection to the cluster came back. A durable pub/sub store keeps subscriptions
    /// across a silo restart: if it still holds ours, ours goes on (this owner's observer never went away), and only
    /// other subscriptions of this owner it holds (left over) are dropped. Otherwise (an in-memory store forgot it, or
    /// the cluster dropped it while this owner was away) a fresh subscription is made before anything is dropped, so
    /// the stream never has no subscription of ours meanwhile (Orleans confirms messages that have no subscriber); a
    /// message the two deliver both is skipped the second time by the redelivery filter.
    /// </summary>
    /// <returns>Whether the tap had handlers and is subscribed.</returns>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_handlers.IsEmpty && !_mayHaveStaleSubscriptions)
            {
                return false;
            }

            var held = await stream.GetAllSubscriptionHandles();
            var previous = _subscription;
            var kept = previous is not null && !_handlers.IsEmpty && held.Any(h => h.HandleId == previous.HandleId);
            if (!kept)
            {
                _subscription = _handlers.IsEmpty ? null : await stream.SubscribeAsync((item, _) => DispatchAsync(item));
            }

            foreach (var handle in held.Where(h => h.HandleId != _subscription?.HandleId))
            {
                await handle.UnsubscribeAsync();
            }

            // The cluster forgot ours: its observer still has to be removed here, where it lives.
            if (!kept && previous is not null && !held.Any(h => h.HandleId == previous.HandleId))
            {
                await UnsubscribeLocallyAsync(previous);
            }

            _mayHaveStaleSubscriptions = false;
            return _subscription is not null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Subscribes again if the cluster dropped this tap's subscription while its owner stayed connected: a pulling agent
    /// that cannot reach a client (its route went with a gateway that died, and the silo has not learnt another yet)
    /// unregisters the client's subscription for good. A subscription the cluster still holds is left as it is.
    /// </summary>
    /// <returns>Whether the tap was subscribed again.</returns>
    public async Task<bool> RepairAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_handlers.IsEmpty)
            {
                return false;
            }

            var held = await stream.GetAllSubscriptionHandles();
            if (_subscription is { } current && held.Any(h => h.HandleId == current.HandleId))
            {
                return false;
            }

            // Subscribed first, as in RestoreAsync: the stream is never without a subscription of ours.
            var dropped = _subscription;
            _subscription = await stream.SubscribeAsync((item, _) => DispatchAsync(item));
            foreach (var handle in held.Where(h => h.HandleId != _subscription.HandleId))
            {
                await handle.UnsubscribeAsync();
            }

            if (dropped is not null)
            {
                await UnsubscribeLocallyAsync(dropped);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RemoveAsync(Func<T, Task> handler)
    {
        await _gate.WaitAsync();
        try
        {
            _handlers = _handlers.Remove(handler);
            if (_handlers.IsEmpty && _subscription is { } subscription)
            {
                _subscription = null;
                try
                {
                    await subscription.UnsubscribeAsync();
                }
                catch (Exception)
                {
                    // The cluster is out of reach: locally the handler is gone (Orleans drops the observer before it
                    // calls the cluster); what the cluster may still hold is cleaned up at the next restore.
                    _mayHaveStaleSubscriptions = true;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task UnsubscribeLocallyAsync(StreamSubscriptionHandle<T> handle)
    {
        try
        {
            await handle.UnsubscribeAsync();
        }
        catch (Exception)
        {
            // Only the local observer mattered, and Orleans removes it before calling the cluster.
        }
    }

    private async Task DispatchAsync(T item)
    {
        if (!_redeliveries.Admit(RedeliveryFilter.EnvelopeOf(item)))
        {
            return;
        }

        foreach (var handler in _handlers.Items)
        {
            try
            {
                await handler(item);
            }
            catch (Exception e)
            {
                onHandlerError(e);
            }
        }
    }

    // Copy-on-write, so dispatch reads a consistent list without a lock.
    private sealed record ImmutableHandlers(IReadOnlyList<Func<T, Task>> Items)
    {
        public static readonly ImmutableHandlers Empty = new([]);

        public bool IsEmpty => Items.Count == 0;

        public ImmutableHandlers Add(Func<T, Task> handler) => new([.. Items, handler]);

        public ImmutableHandlers Remove(Func<T, Task> handler) => new([.. Items.Where(h => h != handler)]);
    }

    private sealed class Registration(StreamTap<T> tap, Func<T, Task> handler) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await tap.RemoveAsync(handler);
            }
        }
    }
}
