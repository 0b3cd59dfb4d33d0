using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// A silo with security on serving the dashboard to one user, <c>viewer</c>: its token opens the page and its
/// identity (granted the viewer role on the node) signs what it does there. An admin session deploys beside it.
/// </summary>
public sealed class SecuredDashboardSilo : IAsyncLifetime
{
    public const string NodeId = "dash-secured";

    private readonly string _folder = Directory.CreateTempSubdirectory("r1-dash-users-").FullName;

    public Ratio1Identity Admin { get; } = Ratio1Identity.Create();

    public Ratio1Identity Viewer { get; } = Ratio1Identity.Create();

    /// <summary>The viewer's dashboard token.</summary>
    public string ViewerToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    public TestSilo Silo { get; private set; } = null!;

    public Ratio1Session AdminSession { get; private set; } = null!;

    public DashboardBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var viewerIdentity = Path.Combine(_folder, "viewer.pem");
        var dashboardIdentity = Path.Combine(_folder, "dashboard.pem");
        var tokenFile = Path.Combine(_folder, "viewer.token");
        using var dashboard = Ratio1Identity.Create();
        Viewer.Save(viewerIdentity, overwrite: true);
        dashboard.Save(dashboardIdentity, overwrite: true);
        await File.WriteAllTextAsync(tokenFile, ViewerToken + "\n");

        Browser = await DashboardBrowser.LaunchAsync();
        Silo = await TestSilo.StartAsync(NodeId, configure: SiloFixture.TestPluginsOn, extraArgs:
        [
            $"--Security:Admins:0={Admin.Address}",
            $"--Dashboard:IdentityFile={dashboardIdentity}",
            "--Dashboard:Users:0:Name=viewer",
            $"--Dashboard:Users:0:TokenFile={tokenFile}",
            $"--Dashboard:Users:0:IdentityFile={viewerIdentity}",
        ]);
        var options = Silo.SessionOptions("dashboard-admin");
        options.Identity = Admin;
        AdminSession = await Ratio1Session.ConnectAsync(options);
        // Fleet-wide: the page lists the fleet's nodes. The dashboard's own identity reads the live feed.
        await AdminSession.GrantAccessAsync(null, Viewer.Address, AccessRole.Viewer, alias: "viewer");
        await AdminSession.GrantAccessAsync(null, dashboard.Address, AccessRole.Viewer, alias: "dashboard");
    }

    public async Task DisposeAsync()
    {
        if (AdminSession is not null)
        {
            await AdminSession.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Admin.Dispose();
        Viewer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
