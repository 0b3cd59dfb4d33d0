using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Taps on the traffic streams, one per stream, shared by the handlers of their owner: a client session, or a node
/// whose capture sources listen to other pipelines (<c>NetworkListener</c>).
/// </summary>
/// <param name="onHandlerError">Told about a handler that threw (the other handlers and the stream go on).</param>
public sealed class TrafficSubscriptions(IClusterClient client, Action<Exception> onHandlerError)
{
    private readonly ConcurrentDictionary<(Type, StreamId), object> _taps = new();

    /// <summary>Adds a handler to <paramref name="stream"/>; dispose the result to remove it. Messages published after this completes reach it.</summary>
    public Task<IAsyncDisposable> SubscribeAsync<T>(StreamId stream, Func<T, Task> handler)
    {
        var tap = (StreamTap<T>)_taps.GetOrAdd((typeof(T), stream),
            _ => new StreamTap<T>(client.GetStreamProvider(TrafficStreams.ProviderName).GetStream<T>(stream), onHandlerError));
        return tap.AddAsync(handler);
    }
}
