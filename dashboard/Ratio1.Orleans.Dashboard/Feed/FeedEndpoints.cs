using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>The live feed: a hosted subscriber on the traffic streams fanning out to server-sent-event connections.</summary>
public static class FeedEndpoints
{
    // Skeleton (issue 19): the Feed helper implements it.
    public static IServiceCollection AddDashboardFeed(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDashboardFeed(this IEndpointRouteBuilder endpoints) => endpoints;
}
