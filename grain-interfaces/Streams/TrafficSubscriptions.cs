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
    /// Messages a durable provider delivered again and the taps skipped (at or below the last sequence their sender's
    /// instance had delivered), since these subscriptions began.
    /// </summary>
    public long RedeliveriesSkipped => _taps.Values.Sum(tap => tap.RedeliveriesSkipped);

    /// <summary>
    /// Subscribes every stream that has handlers again, once the connection to the cluster is back: a restarted silo
    /// with an in-memory pub/sub store has forgotten the subscriptions, and one with a durable store may still hold
    /// them: a subscription the cluster still holds goes on, a forgotten one is made again, and left-over ones are
    /// dropped (handlers never see a message twice). Handlers stay as they are.
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
