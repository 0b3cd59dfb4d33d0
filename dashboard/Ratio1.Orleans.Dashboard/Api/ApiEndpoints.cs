using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>The JSON API behind the page (docs/dashboard.md).</summary>
public static class ApiEndpoints
{
    // Skeleton (issue 19): the API helper implements it.
    public static IServiceCollection AddDashboardApi(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
