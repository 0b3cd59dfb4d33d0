using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// A silo with a product's reach rather than a test silo's: models only from its own model folder, capture files only
/// under its own media folder, no network capture host allowed.
/// </summary>
public sealed class RootsSiloFixture : IAsyncLifetime
{
    public const string NodeId = "edge-roots";

    public TestSilo Silo { get; private set; } = null!;

    public Ratio1Session Session { get; private set; } = null!;

    public string Models { get; private set; } = null!;

    public string Media { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var data = Directory.CreateTempSubdirectory("r1-roots-").FullName;
        Models = Path.Combine(data, "models");
        Media = Path.Combine(data, "media");
        // Empty settings: the defaults (<data-dir>/models, <data-dir>/media, no hosts) replace the test silo's reach.
        Silo = await TestSilo.StartAsync(NodeId, data, extraArgs: ["--Node:ModelDirectories=", "--Node:CaptureRoots=", "--Node:CaptureHosts="]);
        Session = await Silo.ConnectAsync("roots-client");
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await Silo.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Models)!, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RootsSiloCollection : ICollectionFixture<RootsSiloFixture>
{
    public const string Name = "silo with product reach";
}
