using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>A real silo serving the dashboard on loopback, security off and no dashboard users: the API is open.</summary>
public sealed class ApiSilo : IAsyncLifetime
{
    private static int _names;

    public TestSilo Silo { get; private set; } = null!;

    public string Node => Silo.NodeId;

    public static string UniqueName(string prefix = "dash") => $"{prefix}{Interlocked.Increment(ref _names)}";

    public ApiHttp Http() => new(Silo.HttpAddress);

    public async Task InitializeAsync() => Silo = await TestSilo.StartAsync("dash-node", configure: Infrastructure.SiloFixture.TestPluginsOn);

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
