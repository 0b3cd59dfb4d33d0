using Ratio1.Orleans.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>With security on, the page asks for a token and acts as its user: what the user's role does not allow is refused with the silo's reason.</summary>
public sealed class DashboardAccessPageTests(SecuredDashboardSilo fixture) : IClassFixture<SecuredDashboardSilo>
{
    private const string Node = SecuredDashboardSilo.NodeId;

    [Fact]
    public async Task A_viewer_signs_in_and_an_archive_it_may_not_make_is_refused_with_the_silo_reason_and_changes_nothing()
    {
        var name = SiloFixture.UniqueName("guarded");
        var pipeline = fixture.AdminSession.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        var page = await fixture.Browser.NewPageAsync(fixture.Silo.HttpAddress);
        await page.GotoAsync("/");

        await Expect(page.GetByTestId("signin-dialog")).ToBeVisibleAsync();
        await page.GetByTestId("signin-token").FillAsync(fixture.ViewerToken);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("whoami")).ToContainTextAsync("viewer");
        var row = page.Locator($"[data-testid=pipeline-row][data-pipeline='{name}']");
        await Expect(row).ToBeVisibleAsync();
        await row.GetByTestId("archive-button").ClickAsync();
        await page.GetByTestId("confirm-ok").ClickAsync();

        var refusal = page.GetByTestId("dialog-error");
        await Expect(refusal).ToHaveAttributeAsync("data-status", "403");
        await Expect(refusal).ToContainTextAsync("operator");
        await Expect(refusal).ToContainTextAsync("viewer");
        var after = await fixture.AdminSession.GetPipelineAsync(Node, name);
        Assert.Equal((1, false), (after.Version, after.Archived));
    }
}
