namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Keeps one handler subscribed to a changing set of streams (every node's heartbeats, every pipeline's payloads):
/// the set is rediscovered every <c>refresh</c> (and at once on <see cref="Nudge"/>), new streams are joined, gone ones
/// left. Shared by the client (a session's fleet-wide subscriptions) and the node (<c>NetworkListener</c>).
/// </summary>
public sealed class FleetWatch<T> : IAsyncDisposable
{
    private readonly TrafficSubscriptions _subscriptions;
    private readonly Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> _discover;
    private readonly Func<T, Task> _handler;
    private readonly Action<Exception> _onRefreshError;
    private readonly Dictionary<StreamId, IAsyncDisposable> _joined = [];
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly SemaphoreSlim _nudge = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    private FleetWatch(TrafficSubscriptions subscriptions, Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> discover, Func<T, Task> handler, Action<Exception> onRefreshError)
    {
        _subscriptions = subscriptions;
        _discover = discover;
        _handler = handler;
        _onRefreshError = onRefreshError;
    }

    /// <summary>Discovers and joins the streams once (failures propagate), then keeps rediscovering in the background.</summary>
    public static Task<FleetWatch<T>> StartAsync(
        TrafficSubscriptions subscriptions, Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> discover, Func<T, Task> handler, TimeSpan refresh, CancellationToken cancellationToken) =>
        StartAsync(subscriptions, discover, handler, refresh, static _ => { }, cancellationToken);

    /// <inheritdoc cref="StartAsync(TrafficSubscriptions, Func{CancellationToken, Task{IReadOnlyCollection{StreamId}}}, Func{T, Task}, TimeSpan, CancellationToken)"/>
    /// <param name="onRefreshError">Told about a background rediscovery that failed (the next one tries again).</param>
    public static async Task<FleetWatch<T>> StartAsync(
        TrafficSubscriptions subscriptions, Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> discover, Func<T, Task> handler, TimeSpan refresh,
        Action<Exception> onRefreshError, CancellationToken cancellationToken)
    {
        var watch = new FleetWatch<T>(subscriptions, discover, handler, onRefreshError);
        try
        {
            await watch.RefreshAsync(cancellationToken);
        }
        catch
        {
            // Leave the streams joined before the failure.
            await watch.DisposeAsync();
            throw;
        }

        watch._loop = Task.Run(() => watch.LoopAsync(refresh));
        return watch;
    }

    /// <summary>Rediscovers now (a new pipeline was announced).</summary>
    public void Nudge() => _nudge.Release();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await _refreshing.WaitAsync();
        foreach (var joined in _joined.Values)
        {
            await joined.DisposeAsync();
        }

        _joined.Clear();
    }

    private async Task LoopAsync(TimeSpan refresh)
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _nudge.WaitAsync(refresh, _stopping.Token);
                await RefreshAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A node or the cluster is briefly unreachable: the next refresh tries again.
                _onRefreshError(e);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var wanted = await _discover(cancellationToken);
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            foreach (var stream in wanted.Where(s => !_joined.ContainsKey(s)))
            {
                _joined[stream] = await _subscriptions.SubscribeAsync(stream, _handler);
            }

            foreach (var gone in _joined.Keys.Except(wanted).ToList())
            {
                await _joined[gone].DisposeAsync();
                _joined.Remove(gone);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
