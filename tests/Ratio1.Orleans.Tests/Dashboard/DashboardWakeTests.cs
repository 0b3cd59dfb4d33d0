using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Dashboard.Feed;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>A silo's dashboard follows the fleet only once someone has used it: an unopened one costs nothing.</summary>
public sealed class DashboardWakeTests
{
    [Fact]
    public async Task The_dashboard_follows_the_fleet_from_its_first_request_on_and_not_before()
    {
        await using var silo = await TestSilo.StartAsync("edge-dashboard-wake", extraArgs: ["--Node:SecondsHeartbeat=1"]);
        var activity = silo.Services.GetRequiredService<FleetActivity>();
        await using (var session = await silo.ConnectAsync())
        {
            // Heartbeats flow (a client sees two) while the unopened dashboard has recorded none.
            var seen = 0;
            var twice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var beats = await session.OnNodeHeartbeatAsync(silo.NodeId, _ =>
            {
                if (Interlocked.Increment(ref seen) == 2)
                {
                    twice.TrySetResult();
                }

                return Task.CompletedTask;
            });
            await twice.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Null(activity.GetLatestHeartbeat(silo.NodeId));
        }

        using var http = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };
        using var page = await http.GetAsync("/");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (activity.GetLatestHeartbeat(silo.NodeId) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the dashboard recorded no heartbeat within 60 s of its first request");
            await Task.Delay(100);
        }

        page.EnsureSuccessStatusCode();
    }
}
