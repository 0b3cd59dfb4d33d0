using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Client.Traffic;

/// <summary>The session's taps on the traffic streams, one per stream, shared by its handlers.</summary>
internal sealed class TrafficSubscriptions(IClusterClient client, Action<Exception> onHandlerError)
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
