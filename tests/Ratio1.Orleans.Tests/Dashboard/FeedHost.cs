using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Dashboard.Access;
using Ratio1.Orleans.Dashboard.Feed;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// The dashboard's live feed on a web host of its own (loopback, free port), following the fleet through a given
/// client session, as the dashboard's hosted subscriber does with its own.
/// </summary>
public sealed class FeedHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private IAsyncDisposable? _following;

    private FeedHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public Uri Address { get; private set; } = null!;

    public FleetActivity Activity => _app.Services.GetRequiredService<FleetActivity>();

    public FeedBroadcast Broadcast => _app.Services.GetRequiredService<FeedBroadcast>();

    /// <summary>The feed's address with <paramref name="query"/> (e.g. <c>pipeline=a&amp;kinds=payload</c>).</summary>
    public Uri Feed(string query = "") => new(Address, FeedEndpoints.Route + (query.Length > 0 ? "?" + query : string.Empty));

    public static async Task<FeedHost> StartAsync(Ratio1Session session, int bufferMessages = 1000)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Dashboard:FeedBufferMessages"] = bufferMessages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Services.AddSingleton<DashboardSessions>();
        builder.Services.AddDashboardFeed();
        var app = builder.Build();
        app.MapDashboardFeed();
        await app.StartAsync();
        var host = new FeedHost(app)
        {
            Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };
        host._following = await app.Services.GetRequiredService<FleetFeed>().FollowAsync(session, CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_following is not null)
        {
            await _following.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
