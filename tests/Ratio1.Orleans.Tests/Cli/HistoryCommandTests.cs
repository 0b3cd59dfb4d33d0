using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class HistoryCommandTests(SiloFixture fixture)
{
    [Fact]
    public async Task History_lists_every_version_newest_first_with_its_action_and_author()
    {
        var name = await DeployWithThreeVersionsAsync();

        var result = await R1ctl.RunAsync(fixture, "history", SiloFixture.NodeId, name);
        var rows = Rows(result.Stdout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["VERSION", "ACTION", "BY", "VERIFIED", "AT", "INSTANCES", "ARCHIVED", "HASH", "NOTE"], rows[0]);
        Assert.Equal(["3", "2", "1"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["UPDATE_PIPELINE_INSTANCE", "UPDATE_CONFIG", "UPDATE_CONFIG"], rows.Skip(1).Select(r => r[1]));
        Assert.Equal("cli-test", rows[1][2]);
    }

    [Fact]
    public async Task History_pages_back_with_limit_and_before()
    {
        var name = await DeployWithThreeVersionsAsync();

        var result = await R1ctl.RunAsync(fixture, "history", SiloFixture.NodeId, name, "--limit", "1", "--before", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["2"], Rows(result.Stdout).Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Rollback_restores_the_config_of_an_old_version_as_a_new_version()
    {
        var name = await DeployWithThreeVersionsAsync();

        var result = await R1ctl.RunAsync(fixture, "rollback", SiloFixture.NodeId, name, "1");
        var after = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);
        var original = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name, version: 1);
        var history = await R1ctl.RunAsync(fixture, "history", SiloFixture.NodeId, name, "--limit", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("version 4 (rolled back to v1)", result.Stdout);
        Assert.Equal(4, after.Version);
        Assert.Equal(original.Config, after.Config);
        Assert.EndsWith("rollback to v1", history.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Rollback_to_a_version_that_does_not_exist_exits_3()
    {
        var name = await DeployWithThreeVersionsAsync();

        var result = await R1ctl.RunAsync(fixture, "rollback", SiloFixture.NodeId, name, "42");

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    private async Task<string> DeployWithThreeVersionsAsync()
    {
        var name = SiloFixture.UniqueName();
        var session = fixture.Session;
        await R1ctl.RunWithStdinAsync(fixture, PipelineDocuments.Sensor(name), "deploy", SiloFixture.NodeId, "-");
        await R1ctl.RunAsync(fixture, "update", SiloFixture.NodeId, name, """{"CAP_RESOLUTION": 2}""");
        await R1ctl.RunAsync(fixture, "update-instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1", """{"PROCESS_DELAY": 5}""");
        Assert.Equal(3, (await session.GetPipelineAsync(SiloFixture.NodeId, name)).Version);
        return name;
    }

    // Columns are separated by at least two spaces; no cell here contains two spaces in a row.
    private static List<string[]> Rows(string table) =>
        [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.RegularExpressions.Regex.Split(l.TrimEnd('\r'), " {2,}"))];
}
