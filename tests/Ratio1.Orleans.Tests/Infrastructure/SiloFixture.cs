using Ratio1.Orleans.Client;
using Ratio1.Orleans.Edge.Hosting;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Infrastructure;

/// <summary>One real edge silo on SQLite shared by a test collection, with a connected client session.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public const string NodeId = "edge-01";

    public TestSilo Silo { get; private set; } = null!;

    public Ratio1Session Session { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await TestSilo.StartAsync(NodeId, configure: TestPluginsOn);
        Session = await Silo.ConnectAsync("fixture-client");
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await Silo.DisposeAsync();
    }

    /// <summary>Gives a test silo the test project's plugins (PROBE_01, FAILING_01, TEST_COMMANDS) besides the built-ins.</summary>
    public static void TestPluginsOn(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.AddPluginAssembly(typeof(SiloFixture).Assembly);

    /// <summary>A pipeline name no other test uses.</summary>
    public static string UniqueName(string prefix = "p") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "sqlite silo";
}
