using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// Each pipeline version is a link in a hash chain (config hash, record hash, previous hash); verifying reads the
/// history from storage and names the first version that does not check out. Changes here are unsigned (security
/// off): they chain by hashes, with the declared initiator marked unverified.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class AuditChainTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_history_of_deploy_update_instance_update_rollback_archive_redeploy_and_batch_update_verifies_intact()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(AuditScenario.Versions, verification.VersionsChecked);
        Assert.Null(verification.FirstBrokenVersion);
        Assert.Equal(0, verification.SignedVersions);
        Assert.Matches("^[0-9a-f]{64}$", verification.HeadHash);
    }

    [Fact]
    public async Task Unsigned_versions_keep_the_declared_initiator_marked_unverified_each_with_its_own_hash()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        var history = await fixture.Session.GetPipelineHistoryAsync(Node, name);
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.All(history, v => Assert.Equal("fixture-client", v.ChangedBy));
        Assert.All(history, v => Assert.False(v.Verified));
        Assert.Equal(AuditScenario.Versions, history.Select(v => v.RecordHash).Distinct().Count());
        Assert.Equal(verification.HeadHash, history[0].RecordHash);
        Assert.Equal(history[0].RecordHash![..12], history[0].ShortHash);
    }

    [Fact]
    public async Task Changing_a_config_value_inside_a_stored_version_is_caught_naming_that_version()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).SetAsync(3, "$.config.CAP_RESOLUTION", "99");
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.FirstBrokenVersion);
        Assert.Contains("config does not match its config hash", verification.Reason);
    }

    [Fact]
    public async Task Changing_a_config_and_its_config_hash_together_is_caught_by_the_record_hash()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);
        var stored = new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name);

        // Version 2 only changed CAP_RESOLUTION from 1 to 2: putting 1 back makes its config version 1's, whose
        // config hash the attacker copies; the record hash over it no longer holds.
        await stored.SetAsync(2, "$.config.CAP_RESOLUTION", "1");
        await stored.ExecuteAsync(
            "UPDATE pipeline_history SET record = json_set(record, '$.configHash', (SELECT record ->> '$.configHash' FROM pipeline_history WHERE pipeline_key = $key AND version = 1)) WHERE pipeline_key = $key AND version = 2");
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.FirstBrokenVersion);
        Assert.Contains("record hash does not match its contents", verification.Reason);
    }

    [Fact]
    public async Task Swapping_the_recorded_signer_of_a_stored_version_is_caught_naming_that_version()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).SetAsync(4, "$.changedBy", "\"someone-else\"");
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.False(verification.Intact);
        Assert.Equal(4, verification.FirstBrokenVersion);
        Assert.Contains("record hash does not match its contents", verification.Reason);
    }

    [Fact]
    public async Task Deleting_a_stored_version_is_caught_naming_the_missing_version()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).DeleteAsync(5);
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.False(verification.Intact);
        Assert.Equal(5, verification.FirstBrokenVersion);
        Assert.Contains("missing from the history", verification.Reason);
    }

    [Fact]
    public async Task Deleting_the_newest_stored_version_is_caught_against_the_pipelines_current_version()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);

        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).DeleteAsync(AuditScenario.Versions);
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.False(verification.Intact);
        Assert.Equal(AuditScenario.Versions, verification.FirstBrokenVersion);
    }

    [Fact]
    public async Task Replacing_a_version_with_another_consistent_version_breaks_the_link_of_the_next_one()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);
        var stored = new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name);

        // Version 2 becomes a copy of the (self-consistent) version 1 renumbered: its own hashes no longer hold.
        await stored.ExecuteAsync(
            "UPDATE pipeline_history SET record = (SELECT json_set(record, '$.version', 2) FROM pipeline_history WHERE pipeline_key = $key AND version = 1) WHERE pipeline_key = $key AND version = 2");
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.FirstBrokenVersion);
    }

    [Fact]
    public async Task A_history_longer_than_one_read_from_storage_is_checked_across_reads()
    {
        var name = SiloFixture.UniqueName("audit");
        await fixture.Session.DeployPipelineJsonAsync(Node, Cli.PipelineDocuments.Sensor(name));
        for (var resolution = 2; resolution <= 45; resolution++)
        {
            await fixture.Session.UpdatePipelineAsync(Node, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = resolution });
        }

        var intact = await AuditScenario.VerifyAsync(fixture.Session, Node, name);
        await new AuditStoredHistory(fixture.Silo.DataDirectory, Node, name).DeleteAsync(41);
        var broken = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.True(intact.Intact, intact.Reason);
        Assert.Equal(45, intact.VersionsChecked);
        Assert.Equal(41, broken.FirstBrokenVersion);
    }

    [Fact]
    public async Task A_pipeline_deleted_and_deployed_again_starts_a_new_chain_that_verifies()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(fixture.Session, Node, name);
        await fixture.Session.DeletePipelineAsync(Node, name);

        await fixture.Session.DeployPipelineJsonAsync(Node, Cli.PipelineDocuments.Sensor(name));
        await fixture.Session.UpdatePipelineAsync(Node, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 3 });
        var verification = await AuditScenario.VerifyAsync(fixture.Session, Node, name);

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(2, verification.VersionsChecked);
    }
}
