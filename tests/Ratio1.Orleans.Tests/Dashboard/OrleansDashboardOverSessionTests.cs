using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Dashboard.Hosting;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// The Orleans Dashboard served by a client process (the standalone dashboard host) over its <c>Ratio1Session</c>,
/// against a silo with security on: the silo serves the dashboard's grains only to a fleet admin's signed calls.
/// </summary>
public sealed class OrleansDashboardOverSessionTests : IAsyncLifetime
{
    private readonly Ratio1Identity _admin = Ratio1Identity.Create();
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync("edge-dashboard-host", extraArgs: [$"--Security:Admins:0={_admin.Address}"]);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _admin.Dispose();
    }

    [Fact]
    public async Task A_host_whose_identity_is_a_fleet_admin_serves_the_clusters_counters()
    {
        await using var host = await StartHostAsync(_admin);
        using var http = new HttpClient { BaseAddress = Address(host), Timeout = TimeSpan.FromSeconds(20) };

        var counters = await OrleansDashboardTests.WaitForJsonAsync(http, "/orleans/DashboardCounters", json => json.GetProperty("hosts").GetArrayLength() == 1);
        using var page = await http.GetAsync("/orleans/");

        Assert.Equal("Active", counters.GetProperty("hosts")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_host_whose_identity_holds_no_role_is_refused_with_the_silos_message()
    {
        using var stranger = Ratio1Identity.Create();
        await using var host = await StartHostAsync(stranger);
        using var http = new HttpClient { BaseAddress = Address(host), Timeout = TimeSpan.FromSeconds(20) };

        using var counters = await http.GetAsync("/orleans/DashboardCounters");
        var message = await counters.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, counters.StatusCode);
        Assert.Contains("admin", message);
    }

    [Fact]
    public async Task Orleans_management_grain_answers_a_client_only_with_the_fleet_admin_role()
    {
        using var stranger = Ratio1Identity.Create();
        var strangerOptions = _silo.SessionOptions("stranger");
        strangerOptions.Identity = stranger;
        var adminOptions = _silo.SessionOptions("admin");
        adminOptions.Identity = _admin;
        await using var strangerSession = await Ratio1Session.ConnectAsync(strangerOptions);
        await using var adminSession = await Ratio1Session.ConnectAsync(adminOptions);

        var refused = await Assert.ThrowsAsync<UnauthorizedException>(() => strangerSession.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
        var hosts = await adminSession.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Contains("admin", refused.Message);
        Assert.Single(hosts);
    }

    private async Task<WebApplication> StartHostAsync(Ratio1Identity identity)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRatio1Client(o =>
        {
            o.Gateways = [$"127.0.0.1:{_silo.GatewayPort}"];
            o.Identity = identity;
            o.ClientName = "dashboard-host";
        });
        builder.Services.AddOrleansDashboardOverSession(builder.Configuration);
        var app = builder.Build();
        app.MapOrleansDashboardOverSession();
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication host) =>
        new(host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
