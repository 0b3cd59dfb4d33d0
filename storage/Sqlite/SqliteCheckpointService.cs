using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ratio1.Orleans.Storage.Sqlite;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file in the background, every second. SQLite would
/// otherwise do it inside whichever commit crosses the log-size threshold, and that commit stalls for milliseconds.
/// Passive checkpoints never block writers; the connections keep a high automatic threshold only as a safety net.
/// </summary>
internal sealed partial class SqliteCheckpointService(SqliteConnectionSource connections, TimeProvider time, ILogger<SqliteCheckpointService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var connection = await connections.OpenConnectionAsync(stoppingToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckpointFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background SQLite checkpoint failed; commits will checkpoint at the safety threshold")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
