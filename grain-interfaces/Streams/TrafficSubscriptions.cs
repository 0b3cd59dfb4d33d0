using System.Collections.Concurrent;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Taps on the traffic streams, one per stream, shared by the handlers of their owner: a client session, or a node
/// whose capture sources listen to other pipelines (<c>NetworkListener</c>).
/// </summary>
/// <param name="onHandlerError">Told about a handler that threw (the other handlers and the stream go on).</param>
public sealed class TrafficSubscriptions(IClusterClient client, Action<Exception> onHandlerError)
{
    private readonly ConcurrentDictionary<(Type, StreamId), IStreamTap> _taps = new();

    /// <summary>Adds a handler to <paramref name="stream"/>; dispose the result to remove it. Messages published after this completes reach it.</summary>
    public Task<IAsyncDisposable> SubscribeAsync<T>(StreamId stream, Func<T, Task> handler)
    {
        var tap = (StreamTap<T>)_taps.GetOrAdd((typeof(T), stream),
            _ => new StreamTap<T>(client.GetStreamProvider(TrafficStreams.ProviderName).GetStream<T>(stream), onHandlerError));
        return tap.AddAsync(handler);
    }

    /// <summary>
    /// Subscribes every stream that has handlers again, once the connection to the cluster is back: a restarted silo
    /// with an in-memory pub/sub store has forgotten the subscriptions, and one with a durable store may still hold
    /// them, so each stream's old subscriptions of this owner are dropped and one new subscription is made (never two,
    /// so no message is delivered twice). Handlers stay as they are.
    /// </summary>
    /// <returns>How many streams were subscribed again.</returns>
    /// <exception cref="Exception">The cluster could not be reached or refused; the streams not restored yet are restored by the next call.</exception>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        var restored = await Task.WhenAll(_taps.Values.Select(tap => tap.RestoreAsync(cancellationToken)));
        return restored.Count(r => r);
    }

    /// <summary>
    /// Subscribes again every stream with handlers whose subscription the cluster dropped while the owner stayed
    /// connected (see <see cref="StreamTap{T}.RepairAsync"/>); the others are left as they are, so nothing is doubled.
    /// </summary>
    /// <returns>How many streams were subscribed again.</returns>
    public async Task<int> RepairAsync(CancellationToken cancellationToken)
    {
        var repaired = await Task.WhenAll(_taps.Values.Select(tap => tap.RepairAsync(cancellationToken)));
        return repaired.Count(r => r);
    }
}
