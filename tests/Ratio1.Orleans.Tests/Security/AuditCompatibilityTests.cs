using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// Versions stored before history chaining existed (state contract version 1) still read; they count as unchained,
/// and the next change links to them. Tampering done while the silo is stopped is caught after it starts again.
/// </summary>
public sealed class AuditCompatibilityTests
{
    private static readonly string[] ChainFields = ["$.verified", "$.requestHash", "$.signature", "$.request", "$.configHash", "$.previousHash", "$.recordHash"];

    [Fact]
    public async Task Versions_stored_before_chaining_still_read_and_the_chain_continues_from_them()
    {
        await using var silo = await TestSilo.StartAsync("edge-audit-v1");
        var name = "legacy";
        await using (var session = await silo.ConnectAsync())
        {
            await session.DeployPipelineJsonAsync(silo.NodeId, PipelineDocuments.Sensor(name));
            await session.UpdatePipelineAsync(silo.NodeId, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 2 });
        }

        await silo.StopAsync();
        await WriteAsVersionOneAsync(new AuditStoredHistory(silo.DataDirectory, silo.NodeId, name));
        await silo.RestartAsync();

        await using var client = await silo.ConnectAsync();
        var before = await AuditScenario.VerifyAsync(client, silo.NodeId, name);
        await client.UpdatePipelineAsync(silo.NodeId, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 3 });
        var after = await AuditScenario.VerifyAsync(client, silo.NodeId, name);
        var history = await client.GetPipelineHistoryAsync(silo.NodeId, name);

        Assert.True(before.Intact, before.Reason);
        Assert.Equal((2, 2), (before.VersionsChecked, before.UnchainedVersions));
        Assert.True(after.Intact, after.Reason);
        Assert.Equal((3, 2), (after.VersionsChecked, after.UnchainedVersions));
        Assert.Equal([true, false, false], history.Select(v => v.RecordHash is not null));
    }

    [Fact]
    public async Task Tampering_while_the_silo_is_stopped_is_caught_after_it_starts_again()
    {
        await using var silo = await TestSilo.StartAsync("edge-audit-stopped");
        var name = "stopped";
        await using (var session = await silo.ConnectAsync())
        {
            await session.DeployPipelineJsonAsync(silo.NodeId, PipelineDocuments.Sensor(name));
            await session.UpdatePipelineAsync(silo.NodeId, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 2 });
            await session.UpdatePipelineAsync(silo.NodeId, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 3 });
        }

        await silo.StopAsync();
        await new AuditStoredHistory(silo.DataDirectory, silo.NodeId, name).SetAsync(1, "$.changedBy", "\"admin\"");
        await silo.RestartAsync();

        await using var client = await silo.ConnectAsync();
        var verification = await AuditScenario.VerifyAsync(client, silo.NodeId, name);

        Assert.False(verification.Intact);
        Assert.Equal(1, verification.FirstBrokenVersion);
    }

    // What a silo before chaining wrote: the state envelope at contract version 1, no chain fields anywhere.
    private static async Task WriteAsVersionOneAsync(AuditStoredHistory stored)
    {
        var fields = string.Join(", ", ChainFields.Select(f => $"'{f}'"));
        var stateFields = string.Join(", ", ChainFields.Select(f => $"'$.state.current{f[1..]}'"));
        await stored.ExecuteAsync($"UPDATE pipeline_history SET record = json_remove(record, {fields}) WHERE pipeline_key = $key");
        // The history triggers copy the current version again on this write; it is stripped the same way.
        await stored.ExecuteAsync(
            $"UPDATE grain_state SET payload = CAST(json_remove(json_set(CAST(payload AS TEXT), '$.version', 1), {stateFields}) AS BLOB) WHERE state_name = 'pipeline' AND key_text = $key");
    }
}
