using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>The live feed: a hosted subscriber on the traffic streams fanning out to server-sent-event connections.</summary>
public static class FeedEndpoints
{
    /// <summary>The feed's address.</summary>
    public const string Route = "/api/feed";

    /// <summary>
    /// Registers the feed: its settings (section <c>Dashboard</c>, <see cref="FeedOptions"/>), the fleet's activity the
    /// API reads (<see cref="FleetActivity"/>), the connections' fan-out and the hosted subscriber, which follows the
    /// fleet through the dashboard's own session (<see cref="Access.DashboardSessions"/>, registered by the caller).
    /// </summary>
    public static IServiceCollection AddDashboardFeed(this IServiceCollection services)
    {
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeedMetrics>();
        services.TryAddSingleton<FeedJson>();
        services.TryAddSingleton<FeedBroadcast>();
        services.TryAddSingleton<FleetActivity>();
        services.TryAddSingleton<FleetFeed>();
        services.TryAddSingleton<DashboardWake>();
        services.AddHostedService<FleetFeedService>();
        return services;
    }

    /// <summary>Maps <c>GET /api/feed</c> (server-sent events; docs/dashboard.md, "Live feed").</summary>
    public static IEndpointRouteBuilder MapDashboardFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, (HttpContext context, FeedBroadcast broadcast, IOptions<FeedOptions> options, IHostApplicationLifetime lifetime, DashboardWake wake) =>
        {
            wake.Wake();
            return FeedStream.ServeAsync(context, broadcast, options, lifetime);
        });
        return endpoints;
    }
}
