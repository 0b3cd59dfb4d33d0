using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// A real silo with security on (one configured admin) serving the dashboard with two users: <c>admin</c>, signing
/// with the admin's identity, and <c>viewer</c>, signing with an identity granted the viewer role on the node.
/// </summary>
public sealed class ApiSecuredSilo : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("r1-dash-users-").FullName;

    public Ratio1Identity Admin { get; } = Ratio1Identity.Create();

    public Ratio1Identity Viewer { get; } = Ratio1Identity.Create();

    public string AdminToken { get; } = "admin-token-" + Guid.NewGuid().ToString("N");

    public string ViewerToken { get; } = "viewer-token-" + Guid.NewGuid().ToString("N");

    public TestSilo Silo { get; private set; } = null!;

    public string Node => Silo.NodeId;

    public ApiHttp Http(string? token) => new(Silo.HttpAddress, token);

    public async Task InitializeAsync()
    {
        Silo = await TestSilo.StartAsync("dash-secured", configure: Infrastructure.SiloFixture.TestPluginsOn, extraArgs:
        [
            $"--Security:Admins:0={Admin.Address}",
            $"--Dashboard:IdentityFile={Save("dashboard.pem", Admin)}",
            "--Dashboard:Users:0:Name=admin",
            $"--Dashboard:Users:0:TokenFile={Write("admin.token", AdminToken)}",
            $"--Dashboard:Users:0:IdentityFile={Save("admin.pem", Admin)}",
            "--Dashboard:Users:1:Name=viewer",
            $"--Dashboard:Users:1:TokenFile={Write("viewer.token", ViewerToken)}",
            $"--Dashboard:Users:1:IdentityFile={Save("viewer.pem", Viewer)}",
        ]);
        await using var admin = await ConnectAsync(Admin);
        await admin.GrantAccessAsync(Node, Viewer.Address, AccessRole.Viewer, alias: "viewer");
    }

    public Task<Ratio1Session> ConnectAsync(Ratio1Identity identity)
    {
        var options = Silo.SessionOptions();
        options.Identity = identity;
        return Ratio1Session.ConnectAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Admin.Dispose();
        Viewer.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Save(string file, Ratio1Identity identity)
    {
        var path = Path.Combine(_folder, file);
        identity.Save(path, overwrite: true);
        return path;
    }

    private string Write(string file, string text)
    {
        var path = Path.Combine(_folder, file);
        File.WriteAllText(path, text);
        return path;
    }
}
