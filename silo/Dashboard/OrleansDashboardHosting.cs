using Orleans.Dashboard;

namespace Ratio1.Orleans.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard (<c>Microsoft.Orleans.Dashboard</c>: silos, grains, calls, latencies) on the silo's own web
/// host, under <see cref="RoutePrefix"/>. It sits behind the same gate as every other endpoint of that host
/// (<see cref="Hosting.WebTokenGate"/>: a bearer token once the web host listens beyond loopback), since it shows
/// grain keys, state and silo details to whoever reaches it.
/// </summary>
public static class OrleansDashboardHosting
{
    /// <summary>Where the dashboard is served.</summary>
    public const string RoutePrefix = "/orleans";

    /// <summary>Registers the dashboard on the silo (its grain service, profiler filter and counters) when it is on.</summary>
    public static ISiloBuilder AddRatio1OrleansDashboard(this ISiloBuilder silo, OrleansDashboardSettings settings)
    {
        if (settings.Orleans)
        {
            silo.AddDashboard(o => o.HideTrace = !settings.OrleansTrace);
        }

        return silo;
    }

    /// <summary>Maps the dashboard's page and JSON endpoints under <see cref="RoutePrefix"/> when it is on.</summary>
    public static IEndpointRouteBuilder MapRatio1OrleansDashboard(this IEndpointRouteBuilder endpoints, OrleansDashboardSettings settings)
    {
        if (settings.Orleans)
        {
            endpoints.MapOrleansDashboard(RoutePrefix);
        }

        return endpoints;
    }
}
