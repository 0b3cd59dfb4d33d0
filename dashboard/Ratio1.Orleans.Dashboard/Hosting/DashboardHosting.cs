using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Dashboard.Access;
using Ratio1.Orleans.Dashboard.Api;
using Ratio1.Orleans.Dashboard.Feed;

namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>Registers and maps the dashboard (page, API, live feed) on an ASP.NET Core host: a silo's or its own.</summary>
public static class DashboardHosting
{
    public static IServiceCollection AddRatio1Dashboard(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<DashboardSessions>();
        services.AddDashboardApi();
        services.AddDashboardFeed();
        return services;
    }

    public static IEndpointRouteBuilder MapRatio1Dashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDashboardApi();
        endpoints.MapDashboardFeed();
        return endpoints;
    }
}
