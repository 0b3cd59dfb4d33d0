using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>A real silo (heartbeat every second, test plugins) and the dashboard's live feed following it.</summary>
public sealed class FeedFixture : IAsyncLifetime
{
    public const string NodeId = "edge-feed";

    public TestSilo Silo { get; private set; } = null!;

    /// <summary>The session the feed follows the fleet through (as the dashboard's own).</summary>
    public Ratio1Session FeedSession { get; private set; } = null!;

    /// <summary>A session for the test's own deploys.</summary>
    public Ratio1Session Session { get; private set; } = null!;

    public FeedHost Host { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    public async Task InitializeAsync()
    {
        Silo = await TestSilo.StartAsync(NodeId, configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:SecondsHeartbeat=1"]);
        var options = Silo.SessionOptions("dashboard");
        // New pipelines are joined on their PIPELINE_OK anyway; this only shortens the first discovery of the node.
        options.DiscoveryPeriod = TimeSpan.FromSeconds(1);
        FeedSession = await Ratio1Session.ConnectAsync(options);
        Session = await Silo.ConnectAsync("feed-tests");
        Host = await FeedHost.StartAsync(FeedSession);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Session.DisposeAsync();
        await FeedSession.DisposeAsync();
        await Silo.DisposeAsync();
    }

    /// <summary>Deploys a Void pipeline of instances (signature, id) each sending a payload every <paramref name="processDelay"/> seconds.</summary>
    public async Task DeployAsync(string name, double processDelay, params (string Signature, string InstanceId)[] instances)
    {
        var pipeline = Session.CreatePipeline(NodeId, name, "Void");
        foreach (var (signature, id) in instances)
        {
            pipeline.CreatePluginInstance(signature, id, new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = processDelay });
        }

        // A failing instance reports its failure instead of a confirmation: the feed shows what comes, confirmed or not.
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);
    }
}

[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<FeedFixture>
{
    public const string Name = "dashboard feed";
}
