using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Dashboard.Access;
using Ratio1.Orleans.Dashboard.Api;
using Ratio1.Orleans.Dashboard.Feed;

namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>Registers and maps the dashboard (page, API, live feed) on an ASP.NET Core host: a silo's or its own.</summary>
public static class DashboardHosting
{
    private static readonly string[] ReservedPrefixes = ["/orleans", "/health", "/metrics"];

    /// <summary>
    /// Registers the dashboard unless <c>Dashboard:Enabled</c> is false. Its settings come from the <c>Dashboard</c>
    /// section of <paramref name="configuration"/> (checked when the host starts), then <paramref name="configure"/>;
    /// <paramref name="connect"/> says how its sessions reach the cluster (gateways, TLS, traffic provider).
    /// Register it after the silo (<c>UseOrleans</c>) when hosted in one: its sessions then close before the silo stops.
    /// </summary>
    public static IServiceCollection AddRatio1Dashboard(this IServiceCollection services, IConfiguration configuration,
        Action<Ratio1SessionOptions> connect, Action<DashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(connect);
        var section = configuration.GetSection(DashboardOptions.SectionName);
        if (!section.GetValue(nameof(DashboardOptions.Enabled), true))
        {
            return services;
        }

        var options = services.AddOptions<DashboardOptions>().Bind(section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton(new DashboardConnection(connect));
        services.AddSingleton<DashboardAssets>();
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardSessions>());
        services.AddDashboardApi();
        services.AddDashboardFeed();
        return services;
    }

    /// <summary>Whether the dashboard was registered (<see cref="AddRatio1Dashboard"/> with <c>Dashboard:Enabled</c> not false).</summary>
    public static bool IsDashboardEnabled(this IServiceProvider services) => services.GetService<DashboardAccess>() is not null;

    /// <summary>
    /// Maps the API under <c>/api</c>, the live feed, and the page at <c>/</c> (its files; any other path that is not
    /// the API's and does not look like a file gets the page). Nothing when the dashboard is not registered.
    /// </summary>
    public static IEndpointRouteBuilder MapRatio1Dashboard(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.IsDashboardEnabled())
        {
            return endpoints;
        }

        endpoints.MapDashboardApi();
        endpoints.MapDashboardFeed();
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, DashboardAssets assets, DashboardWake wake) =>
        {
            wake.Wake();
            return assets.Serve(context, "/") ?? Results.NotFound();
        });
        // "{*path}", not MapFallback's default "{*path:nonfile}": that one skips every path with an extension, so the
        // page's own scripts and styles (js/app.js, app.css) would never be served.
        // Paths of the web host's other parts are never the page, even when that part is switched off (the Orleans
        // Dashboard answers 404 then, not our page).
        endpoints.MapFallback("{*path}", (HttpContext context, DashboardAssets assets) =>
            ReservedPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                ? Results.NotFound()
                : HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? assets.Serve(context, context.Request.Path.Value ?? "/") ?? Results.NotFound()
                    : Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        return endpoints;
    }
}
