using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>A real silo with security on: one configured admin, and sessions signing as any identity.</summary>
public sealed class SecuredSilo : IAsyncLifetime
{
    public Ratio1Identity Admin { get; } = Ratio1Identity.Create();

    public TestSilo Silo { get; private set; } = null!;

    public string Node => Silo.NodeId;

    public async Task InitializeAsync() =>
        Silo = await TestSilo.StartAsync("secured-node", extraArgs: [$"--Security:Admins:0={Admin.Address}"]);

    /// <summary>A session signing as <paramref name="identity"/> (null: unsigned).</summary>
    public Task<Ratio1Session> ConnectAsync(Ratio1Identity? identity)
    {
        var options = Silo.SessionOptions();
        options.Identity = identity;
        return Ratio1Session.ConnectAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Admin.Dispose();
    }
}
