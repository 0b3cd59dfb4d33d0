using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Security;

/// <summary><c>r1ctl history --verify</c>: "intact, N versions" and exit 0, or the first broken version and why, exit 20.</summary>
[Collection(SiloCollection.Name)]
public sealed class AuditCommandTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task History_verify_says_intact_with_the_number_of_versions_and_exits_0()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        var result = await R1ctl.RunAsync(fixture, "history", Node, name, "--verify");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"intact, {AuditScenario.Versions} versions", result.Stdout);
    }

    [Fact]
    public async Task History_verify_names_the_first_broken_version_and_why_and_exits_20()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);
        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).SetAsync(2, "$.config.PLUGINS[0].INSTANCES[0].ALERT_RAISE_VALUE", "0.1");

        var result = await R1ctl.RunAsync(fixture, "history", Node, name, "--verify");

        Assert.True(result.ExitCode == 20, result.ToString());
        Assert.StartsWith("broken at version 2: its config does not match its config hash", result.Stdout);
        Assert.Contains("does not verify at version 2", result.Stderr);
    }

    [Fact]
    public async Task History_verify_with_json_gives_the_verification_and_the_exit_code()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);
        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).DeleteAsync(3);

        var result = await R1ctl.RunAsync(fixture, "history", Node, name, "--verify", "--json");
        var json = result.StdoutJson();

        Assert.True(result.ExitCode == 20, result.ToString());
        Assert.False(json.GetProperty("intact").GetBoolean());
        Assert.Equal(3, json.GetProperty("firstBrokenVersion").GetInt32());
    }

    [Fact]
    public async Task History_lists_the_signer_whether_it_was_verified_and_a_short_hash()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);
        var newest = (await fixture.Session.GetPipelineHistoryAsync(Node, name))[0];

        var result = await R1ctl.RunAsync(fixture, "history", Node, name, "--limit", "1");
        var row = result.Stdout.Split('\n')[1];

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($"^7 +BATCH_UPDATE_PIPELINE_INSTANCE|^7 +UPDATE_PIPELINE_INSTANCE", row);
        Assert.Contains("fixture-client  no  ", row);
        Assert.Contains(newest.ShortHash!, row);
    }
}
