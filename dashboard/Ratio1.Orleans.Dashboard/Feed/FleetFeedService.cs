using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Dashboard.Access;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// The dashboard's subscriber: follows the fleet (<see cref="FleetFeed"/>) through the dashboard's own session for as
/// long as the host runs. It starts in the background and tries again every few seconds until the session connects
/// (in a silo, the silo's own gateway opens only once the silo has started).
/// </summary>
public sealed class FleetFeedService(DashboardSessions sessions, FleetFeed feed, ILogger<FleetFeedService> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IAsyncDisposable? following = null;
            try
            {
                var session = await sessions.ForDashboardAsync(stoppingToken);
                following = await feed.FollowAsync(session, stoppingToken);
                FeedLog.Following(logger);
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception e)
            {
                FeedLog.NotFollowing(logger, e, Retry.TotalSeconds);
                await LeaveAsync(following);
                following = null;
                try
                {
                    await Task.Delay(Retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    // Shutting down.
                }
            }

            await LeaveAsync(following);
        }
    }

    // A cluster already gone must not hold the host's shutdown.
    private async Task LeaveAsync(IAsyncDisposable? following)
    {
        if (following is null)
        {
            return;
        }

        try
        {
            await following.DisposeAsync().AsTask().WaitAsync(LeaveTimeout);
        }
        catch (Exception e)
        {
            FeedLog.LeaveFailed(logger, e);
        }
    }
}
