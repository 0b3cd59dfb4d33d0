using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ratio1.Orleans.Contracts.Pipelines;
using static Microsoft.Playwright.Assertions;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// The dashboard's page in a real browser (Debian's chromium) against a real silo: what it shows, that it follows the
/// fleet live through the feed, and that its actions reach the node (or are refused and change nothing).
/// </summary>
public sealed class DashboardPageTests(DashboardSilo fixture) : IClassFixture<DashboardSilo>
{
    private const string Node = DashboardSilo.NodeId;

    [Fact]
    public async Task The_fleet_page_lists_the_node_online_with_its_resources_and_its_pipelines()
    {
        var name = await fixture.DeployEchoAsync();
        var page = await fixture.OpenAsync();

        var card = NodeCard(page);
        await Expect(card.GetByTestId("node-status")).ToHaveTextAsync("ONLINE");
        await Expect(card.GetByTestId("node-cpu")).ToHaveTextAsync(new Regex(@"^\d+(\.\d)? %$"));
        await Expect(card.GetByTestId("node-memory")).ToHaveTextAsync(new Regex(@"GiB$"));
        await Expect(card.Locator($"[data-testid=pipeline-row][data-pipeline='{name}']")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("node-models")).ToContainTextAsync(DashboardSilo.ModelName);

        // The charts fill in from the feed's heartbeats before the picture is taken.
        await WaitForChartPointsAsync(page, 4);
        await DashboardSilo.ScreenshotAsync(page, "dashboard-fleet.png");
    }

    [Fact]
    public async Task A_heartbeat_changes_the_numbers_without_a_reload()
    {
        var page = await fixture.OpenAsync();
        var age = NodeCard(page).GetByTestId("node-heartbeat-age");
        await Expect(age).Not.ToHaveAttributeAsync("data-at", "");
        await page.EvaluateAsync("() => window.notReloaded = true");
        var first = await age.GetAttributeAsync("data-at");

        await Expect(age).Not.ToHaveAttributeAsync("data-at", first!);

        // The chart's newest point is a heartbeat after the first one seen.
        var chart = NodeCard(page).GetByTestId("chart-cpu");
        await Expect(chart).Not.ToHaveAttributeAsync("data-last", first!);
        await Expect(chart).Not.ToHaveAttributeAsync("data-last", "");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was not reloaded");
    }

    [Fact]
    public async Task A_deploy_from_a_client_appears_on_the_open_page()
    {
        var page = await fixture.OpenAsync();
        await Expect(page.GetByTestId("feed-state")).ToHaveTextAsync("live");
        await Expect(NodeCard(page).GetByTestId("pipelines")).ToHaveAttributeAsync("data-loaded", new Regex(".+"));
        await page.EvaluateAsync("() => window.notReloaded = true");

        var name = await fixture.DeployEchoAsync("deployed by a client");

        var row = page.Locator($"[data-testid=pipeline-row][data-pipeline='{name}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("pipeline-version")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was not reloaded");
    }

    [Fact]
    public async Task An_instance_command_sent_from_the_page_reaches_the_plugin_and_its_ok_notification_appears_in_the_feed()
    {
        var name = await fixture.DeployEchoAsync("before", delay: 0.3);
        var messages = new ConcurrentQueue<string>();
        await using var subscription = await fixture.Session.OnPipelinePayloadAsync(Node, name, payload =>
        {
            messages.Enqueue(payload.Data["MESSAGE"].AsString());
            return Task.CompletedTask;
        });
        var page = await fixture.OpenAsync($"#/node/{Node}");
        await Expect(page.GetByTestId("feed-state")).ToHaveTextAsync("live");

        await InstanceRow(page, name).GetByTestId("instance-command-button").ClickAsync();
        await page.GetByTestId("command-input").FillAsync("""{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "from the page"}}""");
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(page.GetByTestId("confirm-dialog")).Not.ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=feed-item][data-tag=PLUGIN_INSTANCE_COMMAND_OK]:has-text('{name}')")).ToBeVisibleAsync();
        await WaitUntilAsync(() => messages.Contains("from the page"), "a payload with the message the command set");
    }

    [Fact]
    public async Task A_bad_pasted_config_shows_the_offending_field_and_changes_nothing()
    {
        var name = await fixture.DeployEchoAsync();
        var before = await fixture.Session.GetPipelineAsync(Node, name);
        var page = await fixture.OpenAsync($"#/node/{Node}");

        await page.GetByTestId("deploy-button").ClickAsync();
        await page.GetByTestId("deploy-text").FillAsync($$"""
            {
              "NAME": "{{name}}",
              "TYPE": "Void",
              "PLUGINS": [{ "SIGNATURE": "ECHO_01", "INSTANCES": [{ "INSTANCE_ID": "e1", "PROCESS_DELAY": [1] }] }]
            }
            """);
        await page.GetByTestId("confirm-ok").ClickAsync();

        var error = page.Locator("[data-testid=field-error][data-field='PLUGINS[0].INSTANCES[0].PROCESS_DELAY']");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("[1]");
        await Expect(error).ToContainTextAsync("(line 4)");
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        var after = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal((before.Version, before.Config), (after.Version, after.Config));
    }

    [Fact]
    public async Task A_rollback_from_the_page_creates_a_new_version_shown_in_the_history()
    {
        var name = await fixture.DeployEchoAsync("first");
        await fixture.Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["MESSAGE"] = "second", ["PROCESS_DELAY"] = 2 });
        var page = await fixture.OpenAsync($"#/pipeline/{Node}/{name}");

        // The two versions side by side: the lines that differ are marked.
        await Expect(page.GetByTestId("diff-summary")).ToContainTextAsync("from v1 to v2");
        var changed = page.Locator("[data-testid=diff-line][data-kind=changed]");
        await Expect(changed.Filter(new() { HasText = "\"MESSAGE\": \"second\"" })).ToHaveCountAsync(1);
        await Expect(changed.Filter(new() { HasText = "\"PROCESS_DELAY\": 2" })).ToHaveCountAsync(1);
        await page.GetByTestId("compare").ScrollIntoViewIfNeededAsync();
        await DashboardSilo.ScreenshotAsync(page, "dashboard-pipeline.png");

        await page.Locator("[data-testid=history-row][data-version='1'] [data-testid=rollback-button]").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();

        await Expect(page.Locator("[data-testid=history-row][data-version='3']")).ToContainTextAsync("Rollback");
        await Expect(page.GetByTestId("pipeline-current-version")).ToHaveTextAsync("v3");
        var current = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal((3, PipelineAction.Rollback, 1), (current.Version, current.Revision.Action, current.Revision.RolledBackTo));
        Assert.Contains("\"first\"", current.Config.ToJson());
    }

    [Fact]
    public async Task The_models_view_shows_each_model_with_its_provider_batches_and_p99()
    {
        var page = await fixture.OpenAsync($"#/models/{Node}");

        var row = page.Locator($"[data-testid=model-row][data-model='{DashboardSilo.ModelName}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.GetByTestId("model-provider")).ToContainTextAsync("Cpu");
        await Expect(row.GetByTestId("model-p99")).ToHaveTextAsync(new Regex(@"(µs|ms)$"));
        await DashboardSilo.ScreenshotAsync(page, "dashboard-models.png");
    }

    [Fact]
    public async Task The_Orleans_Dashboard_page_loads_with_the_silo_grain_data()
    {
        await fixture.DeployEchoAsync();
        var page = await fixture.Browser.NewPageAsync(fixture.Silo.HttpAddress);

        var response = await page.GotoAsync("/orleans/#/grains");

        Assert.Equal(200, response!.Status);
        // Its grain list names this silo's grain types, with their activations, once its counters arrive.
        await Expect(page.Locator("body")).ToContainTextAsync("Activations by Type", new() { Timeout = 30_000 });
        await Expect(page.Locator("body")).ToContainTextAsync("PipelineGrain", new() { Timeout = 30_000 });
        await Expect(page.Locator("body")).ToContainTextAsync("NodeGrain");
    }

    private static ILocator NodeCard(IPage page) => page.Locator($"[data-testid=node-card][data-node='{Node}']");

    private static ILocator InstanceRow(IPage page, string pipeline) =>
        page.Locator($"[data-testid=instance-row][data-pipeline='{pipeline}'][data-signature=ECHO_01][data-instance=e1]");

    private static async Task WaitForChartPointsAsync(IPage page, int points) =>
        await page.WaitForFunctionAsync($"() => Number(document.querySelector(\"[data-testid=node-card][data-node='{Node}'] [data-testid=chart-cpu]\")?.dataset.points ?? 0) >= {points}");

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
