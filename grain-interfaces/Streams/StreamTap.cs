using Orleans.Streams;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// One Orleans subscription to one stream, shared by every handler of its owner (a client session, or a node's
/// listening capture sources) that wants that stream: each message crosses the network once, whatever the number of
/// handlers. Unsubscribes when the last handler leaves. A handler that throws is reported and skipped; the others, and
/// the stream, go on.
/// </summary>
internal sealed class StreamTap<T>(IAsyncStream<T> stream, Action<Exception> onHandlerError)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImmutableHandlers _handlers = ImmutableHandlers.Empty;
    private StreamSubscriptionHandle<T>? _subscription;

    /// <summary>Adds a handler (subscribing on the first); dispose the result to remove it.</summary>
    public async Task<IAsyncDisposable> AddAsync(Func<T, Task> handler)
    {
        await _gate.WaitAsync();
        try
        {
            _handlers = _handlers.Add(handler);
            _subscription ??= await stream.SubscribeAsync((item, _) => DispatchAsync(item));
        }
        finally
        {
            _gate.Release();
        }

        return new Registration(this, handler);
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
                await subscription.UnsubscribeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DispatchAsync(T item)
    {
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
