using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Dashboard.Access;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// The dashboard's subscriber: follows the fleet (<see cref="FleetFeed"/>) through the dashboard's own session for as
/// long as the host runs. It starts in the background and tries again every few seconds until the session connects
/// (in a silo, the silo's own gateway opens only once the silo has started), from the dashboard's first request on
/// (<see cref="DashboardWake"/>). Heartbeats and notifications are followed
/// always (few, and the fleet view needs them); payloads only while a browser's feed takes them, and for a short grace
/// after the last one leaves (a page reloading): otherwise every payload of the fleet would flow to every silo hosting a
/// dashboard, watched or not (measured: about a quarter of a core at 1,900 payloads a second, `bench dashboard`).
/// </summary>
public sealed class FleetFeedService(DashboardSessions sessions, FleetFeed feed, FeedBroadcast broadcast, DashboardWake wake, ILogger<FleetFeedService> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PayloadGrace = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await wake.Woken.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            IAsyncDisposable? following = null;
            try
            {
                var session = await sessions.ForDashboardAsync(stoppingToken);
                following = await feed.FollowAsync(session, stoppingToken);
                FeedLog.Following(logger);
                await FollowPayloadsOnDemandAsync(session, stoppingToken);
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

    private async Task FollowPayloadsOnDemandAsync(Client.Ratio1Session session, CancellationToken stoppingToken)
    {
        IAsyncDisposable? payloads = null;
        try
        {
            while (true)
            {
                var changed = broadcast.Changed;
                if (broadcast.WantsPayloads)
                {
                    payloads ??= await feed.FollowPayloadsAsync(session, stoppingToken);
                    await changed.WaitAsync(stoppingToken);
                }
                else if (payloads is not null)
                {
                    // Left only when nobody came back within the grace.
                    if (await Task.WhenAny(changed, Task.Delay(PayloadGrace, stoppingToken)) != changed && !broadcast.WantsPayloads)
                    {
                        await LeaveAsync(payloads);
                        payloads = null;
                    }
                }
                else
                {
                    await changed.WaitAsync(stoppingToken);
                }
            }
        }
        finally
        {
            await LeaveAsync(payloads);
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
