using Microsoft.Playwright;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Serving.Engine;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// One real edge silo serving the dashboard (heartbeat every second, a served model with some batches behind it), a
/// client session to change the fleet beside the page, and one browser, shared by a test class.
/// </summary>
public sealed class DashboardSilo : IAsyncLifetime
{
    public const string NodeId = "dash-edge";

    public const string ModelName = "linear";

    private readonly SampleModelFiles _models = new();

    public TestSilo Silo { get; private set; } = null!;

    public Ratio1Session Session { get; private set; } = null!;

    public DashboardBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        Browser = await DashboardBrowser.LaunchAsync();
        Silo = await TestSilo.StartAsync(NodeId, configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:SecondsHeartbeat=1"]);
        Session = await Silo.ConnectAsync("dashboard-tests");
        await Session.AddModelAsync(NodeId, _models.LinearDeclaration(ModelName));
        // Concurrent requests: the batcher groups some, so the models view has batch statistics to show.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Session.InferAsync(NodeId, ModelName, InferenceInput.FromTensor("x", [4], [1, 2, 3, i]))));
    }

    /// <summary>A page of the dashboard at <paramref name="route"/> (e.g. <c>#/node/dash-edge</c>).</summary>
    public async Task<IPage> OpenAsync(string route = "")
    {
        var page = await Browser.NewPageAsync(Silo.HttpAddress);
        await page.GotoAsync("/" + route);
        return page;
    }

    /// <summary>Deploys a Void pipeline with one ECHO_01 instance <c>e1</c> that sends its MESSAGE every <paramref name="delay"/> seconds.</summary>
    public async Task<string> DeployEchoAsync(string message = "hello", double delay = 1, string? name = null)
    {
        name ??= SiloFixture.UniqueName("echo");
        var pipeline = Session.CreatePipeline(NodeId, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = delay, ["MESSAGE"] = message });
        await pipeline.DeployAsync();
        return name;
    }

    /// <summary>Saves a screenshot of <paramref name="page"/> for the README (docs/img/).</summary>
    public static async Task ScreenshotAsync(IPage page, string fileName)
    {
        var folder = Path.Combine(RepositoryFolder.Root, "docs", "img");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName) });
    }

    public async Task DisposeAsync()
    {
        if (Session is not null)
        {
            await Session.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _models.Dispose();
    }
}
