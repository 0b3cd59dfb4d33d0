using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Dashboard.Feed;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// A real silo serving the dashboard (heartbeat every second, test plugins, a small feed buffer), whose live feed
/// already follows the node when a test starts.
/// </summary>
public sealed class FeedFixture : IAsyncLifetime
{
    public const string NodeId = "edge-feed";

    /// <summary><c>Dashboard:FeedBufferMessages</c> of the silo: small, so a slow reader overflows it soon.</summary>
    public const int BufferMessages = 50;

    public TestSilo Silo { get; private set; } = null!;

    /// <summary>A session for the test's own deploys.</summary>
    public Ratio1Session Session { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>What the silo's dashboard keeps of each node.</summary>
    public FleetActivity Activity => Silo.Services.GetRequiredService<FleetActivity>();

    /// <summary>The silo's open feed connections.</summary>
    public FeedBroadcast Broadcast => Silo.Services.GetRequiredService<FeedBroadcast>();

    /// <summary>The silo's feed with <paramref name="query"/> (e.g. <c>pipeline=a&amp;kinds=payload</c>).</summary>
    public Uri Feed(string query = "") => new(Silo.HttpAddress, FeedEndpoints.Route + (query.Length > 0 ? "?" + query : string.Empty));

    public async Task InitializeAsync()
    {
        Silo = await TestSilo.StartAsync(NodeId, configure: SiloFixture.TestPluginsOn,
            extraArgs: ["--Node:SecondsHeartbeat=1", $"--Dashboard:FeedBufferMessages={BufferMessages}"]);
        Session = await Silo.ConnectAsync("feed-tests");
        // The dashboard's subscriber starts at its first request (as when a browser opens the page) and connects in
        // the background: wait until it follows the node.
        using (var page = await Http.GetAsync(new Uri(Silo.HttpAddress, "/")))
        {
            page.EnsureSuccessStatusCode();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Activity.GetLatestHeartbeat(NodeId) is null)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Session.DisposeAsync();
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
