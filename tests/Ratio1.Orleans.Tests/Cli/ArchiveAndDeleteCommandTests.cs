using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class ArchiveAndDeleteCommandTests(SiloFixture fixture)
{
    [Fact]
    public async Task An_archived_pipeline_is_listed_only_with_all_and_shown_as_archived()
    {
        var name = await DeployAsync();

        var archive = await R1ctl.RunAsync(fixture, "archive", SiloFixture.NodeId, name);
        var live = await R1ctl.RunAsync(fixture, "pipelines", SiloFixture.NodeId);
        var all = await R1ctl.RunAsync(fixture, "pipelines", SiloFixture.NodeId, "--all");

        Assert.True(archive.ExitCode == 0, archive.ToString());
        Assert.Contains($"pipeline '{name}' on {SiloFixture.NodeId}: version 2 (archived)", archive.Stdout);
        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.DoesNotContain(name, live.Stdout);
        Assert.True(all.ExitCode == 0, all.ToString());
        var line = Assert.Single(all.Stdout.Split('\n'), l => l.StartsWith(name + " "));
        Assert.Contains(" archived ", line);
    }

    [Fact]
    public async Task A_live_pipeline_is_listed_with_its_type_version_and_instances()
    {
        var name = await DeployAsync();

        var result = await R1ctl.RunAsync(fixture, "pipelines", SiloFixture.NodeId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("NAME ", result.Stdout);
        var line = Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith(name + " "));
        Assert.Matches(@"^\S+\s+Void\s+1\s+1\s+live\s+fixture-client\s", line);
    }

    [Fact]
    public async Task A_deleted_pipeline_is_gone()
    {
        var name = await DeployAsync();

        var delete = await R1ctl.RunAsync(fixture, "delete", SiloFixture.NodeId, name);
        var get = await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, name);
        var all = await R1ctl.RunAsync(fixture, "pipelines", SiloFixture.NodeId, "--all");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("deleted (it was at version 1)", delete.Stdout);
        Assert.True(get.ExitCode == 3, get.ToString());
        Assert.DoesNotContain(name, all.Stdout);
    }

    [Fact]
    public async Task Archive_without_a_pipeline_or_all_is_a_usage_error()
    {
        var result = await R1ctl.RunAsync(fixture, "archive", SiloFixture.NodeId);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--all", result.Stderr);
    }

    private async Task<string> DeployAsync()
    {
        var name = SiloFixture.UniqueName();
        await fixture.Session.DeployPipelineJsonAsync(SiloFixture.NodeId, PipelineDocuments.Sensor(name));
        return name;
    }
}
