using Microsoft.Extensions.Logging;

namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// Brings a session back after it lost its connection to the cluster: Orleans reconnects only when a message is sent,
/// so this calls the cluster every period until it answers, then has the session's stream taps subscribe again, and
/// tells the session (lost once per outage, reconnected once it is over).
/// </summary>
internal sealed partial class Reconnection : IAsyncDisposable
{
    private readonly ClusterConnection _connection;
    private readonly Func<CancellationToken, Task> _probe;
    private readonly Func<CancellationToken, Task<int>> _restore;
    private readonly Func<CancellationToken, Task<int>> _repair;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _losses = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="probe">A call to the cluster: it reconnects, and succeeds once the cluster answers.</param>
    /// <param name="restore">Subscribes the session's streams again; returns how many.</param>
    /// <param name="repair">Subscribes again the session's streams whose subscription the cluster dropped; returns how many.</param>
    public Reconnection(ClusterConnection connection, Func<CancellationToken, Task> probe, Func<CancellationToken, Task<int>> restore,
        Func<CancellationToken, Task<int>> repair, TimeSpan period, ILogger logger)
    {
        _connection = connection;
        _probe = probe;
        _restore = restore;
        _repair = repair;
        _period = period;
        _logger = logger;
        _connection.ConnectionLost += OnConnectionLost;
        _connection.GatewayConnectionLost += OnGatewayConnectionLost;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Raised once when the connection is lost (not again until it has been restored).</summary>
    public event Action<DateTimeOffset>? Lost;

    /// <summary>Raised once the cluster answers again and the streams are subscribed again: when the outage began, and how many streams.</summary>
    public event Action<DateTimeOffset, int>? Restored;

    public async ValueTask DisposeAsync()
    {
        _connection.ConnectionLost -= OnConnectionLost;
        _connection.GatewayConnectionLost -= OnGatewayConnectionLost;
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private void OnConnectionLost() => _losses.Release();

    // Orleans routes the session's calls and stream deliveries through the gateways still open; but a pulling agent
    // whose silo still routed deliveries through the lost gateway, and learns no other route in time, unregisters the
    // session's subscription for good. So the subscriptions are checked while the cluster settles (its members declare
    // the silo dead, their client directories converge), and those dropped are made again.
    private void OnGatewayConnectionLost(int remaining)
    {
        LogGatewayLost(_logger, _connection.Gateways, remaining);
        _ = Task.Run(() => RepairWhileSettlingAsync(_stopping.Token));
    }

    private static readonly TimeSpan[] SettlingChecks = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)];

    private async Task RepairWhileSettlingAsync(CancellationToken stopping)
    {
        foreach (var wait in SettlingChecks)
        {
            try
            {
                await Task.Delay(wait, stopping);
                if (await _repair(stopping) is > 0 and var repaired)
                {
                    LogRepaired(_logger, _connection.Gateways, repaired);
                }
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Unreachable for now: the next check, or a reconnection, tries again.
                LogRepairFailed(_logger, e, _connection.Gateways);
            }
        }
    }

    private async Task LoopAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await _losses.WaitAsync(stopping);
                var since = DateTimeOffset.UtcNow;
                LogConnectionLost(_logger, _connection.Gateways);
                Lost?.Invoke(since);
                var restored = await ReconnectAsync(stopping);
                LogReconnected(_logger, _connection.Gateways, (DateTimeOffset.UtcNow - since).TotalSeconds, restored);
                Restored?.Invoke(since, restored);
                // The cluster may still be settling (a silo of it just died): deliveries to the fresh subscriptions too.
                _ = Task.Run(() => RepairWhileSettlingAsync(stopping), CancellationToken.None);
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // The session is closing (a probe cut short by it may fail with anything).
        }
    }

    private async Task<int> ReconnectAsync(CancellationToken stopping)
    {
        var attempt = 0;
        while (true)
        {
            await Task.Delay(_period, stopping);
            // Losses reported until now belong to this outage (a connection that opened and closed again meanwhile).
            while (_losses.Wait(0))
            {
            }

            try
            {
                await _probe(stopping);
                return await _restore(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Down still, or up but not ready (storage, pub/sub): try again next period.
                if (++attempt % 20 == 1)
                {
                    LogStillDisconnected(_logger, e, _connection.Gateways, attempt);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to the cluster at {Gateways}; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string gateways);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost a gateway connection to the cluster at {Gateways}; going on through the {Remaining} still open")]
    private static partial void LogGatewayLost(ILogger logger, string gateways, int remaining);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribed again to {Streams} streams whose subscription the cluster at {Gateways} had dropped after losing a gateway")]
    private static partial void LogRepaired(ILogger logger, string gateways, int streams);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not check the stream subscriptions at {Gateways} after losing a gateway")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception, string gateways);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnected to the cluster at {Gateways} after {Seconds:0.0} s; {Streams} streams subscribed again")]
    private static partial void LogReconnected(ILogger logger, string gateways, double seconds, int streams);

    [LoggerMessage(Level = LogLevel.Information, Message = "Still no answer from the cluster at {Gateways} (attempt {Attempt})")]
    private static partial void LogStillDisconnected(ILogger logger, Exception exception, string gateways, int attempt);
}
