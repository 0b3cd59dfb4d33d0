using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Dashboard;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>
/// The Orleans Dashboard (<c>Microsoft.Orleans.Dashboard</c>) served by a process that is a client of the cluster
/// (the standalone dashboard host) rather than a silo: its endpoints call the dashboard's grains through the
/// application's <see cref="Ratio1Session"/>, so those calls are signed with the session's identity. The silos must
/// serve the dashboard too (<c>Dashboard:Orleans</c>, on by default): they run its grains and profiler.
/// </summary>
/// <remarks>
/// <para>
/// Orleans' own <c>IClientBuilder.AddDashboard()</c> registers the services its endpoints take from the web
/// application's container; the session builds its Orleans client in a private host, so they are registered here in
/// the application's container instead, over the session's grain factory.
/// </para>
/// <para>
/// With security on, the silos let only a fleet admin's client call the dashboard's grains (they expose every grain's
/// keys and statistics and the silos' details): the session's identity must be a fleet admin, or every dashboard
/// request fails with the silo's <c>Unauthorized</c> error.
/// </para>
/// </remarks>
public static class OrleansDashboardOverSession
{
    /// <summary>Where the dashboard is served, as on a silo.</summary>
    public const string RoutePrefix = "/orleans";

    /// <summary>
    /// Registers the Orleans Dashboard's client-side services over the application's <see cref="Ratio1Session"/>
    /// (the one <c>AddRatio1Client</c> registers), or over the grain factory <paramref name="grainFactory"/> returns.
    /// </summary>
    /// <param name="services">The web application's services.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="showTrace">Offer the dashboard's live log stream (<c>/orleans/Trace</c>) of this process; off by default (403).</param>
    /// <param name="grainFactory">
    /// The grain factory the dashboard calls through, resolved at the first dashboard request (after the host started);
    /// default: <see cref="Ratio1Session.Client"/> of the registered <see cref="Ratio1Session"/>.
    /// </param>
    public static IServiceCollection AddOrleansDashboardOverSession(
        this IServiceCollection services, IConfiguration configuration, bool showTrace = false, Func<IServiceProvider, IGrainFactory>? grainFactory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(grainFactory ?? (sp => sp.GetRequiredService<Ratio1Session>().Client));
        new ApplicationClientServices(services, configuration).AddDashboard(o => o.HideTrace = !showTrace);
        return services;
    }

    /// <summary>
    /// Maps the dashboard's page and JSON endpoints under <see cref="RoutePrefix"/>. A request the silos refuse (the
    /// session's identity is not a fleet admin) answers 403 with the silo's message, which names the role required and
    /// the role held.
    /// </summary>
    public static IEndpointRouteBuilder MapOrleansDashboardOverSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOrleansDashboard(RoutePrefix).AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (UnauthorizedException refused)
            {
                return Results.Text(refused.Message, "text/plain", statusCode: StatusCodes.Status403Forbidden);
            }
        });
        return endpoints;
    }

    // Orleans' client-side AddDashboard only adds services; this lets it add them to the application's container.
    private sealed class ApplicationClientServices(IServiceCollection services, IConfiguration configuration) : IClientBuilder
    {
        public IServiceCollection Services => services;

        public IConfiguration Configuration => configuration;
    }
}
