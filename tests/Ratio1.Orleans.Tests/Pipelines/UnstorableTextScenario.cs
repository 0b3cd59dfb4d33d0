using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>
/// Text storage cannot hold, sent the ways a client can: the node refuses it naming the field, and nothing is stored.
/// Run on SQLite and on PostgreSQL, which must answer identically.
/// </summary>
public sealed class UnstorableTextScenario(Ratio1Session session, string node)
{
    public const string NulReason = "contains a NUL character (U+0000), which storage cannot hold";

    public async Task A_NUL_in_an_instance_value_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var (name, before) = await DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            session.UpdateInstanceAsync(node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["NOTE"] = "a\0b" }));

        Assert.Equal("""INSTANCE_CONFIG.NOTE = "a\u0000b": contains a NUL character (U+0000), which storage cannot hold""", Assert.Single(error.Errors).ToString());
        await AssertUnchangedAsync(name, before);
    }

    public async Task A_NUL_in_a_deployed_document_is_refused_naming_the_field_and_nothing_is_created()
    {
        var name = SiloFixture.UniqueName();
        var document = $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","NOTE":"a\u0000b"}]}]}""";

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => session.DeployPipelineJsonAsync(node, document));

        Assert.Equal("""PLUGINS[0].INSTANCES[0].NOTE = "a\u0000b": contains a NUL character (U+0000), which storage cannot hold""", Assert.Single(error.Errors).ToString());
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => session.GetPipelineAsync(node, name));
    }

    public async Task<(string Name, PipelineSnapshot Before)> DeployAsync()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = session.CreatePipeline(node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);
        return (name, await session.GetPipelineAsync(node, name));
    }

    public async Task AssertUnchangedAsync(string name, PipelineSnapshot before)
    {
        var after = await session.GetPipelineAsync(node, name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Config.ToJson(), after.Config.ToJson());
        Assert.Equal([before.Version], (await session.GetPipelineHistoryAsync(node, name)).Select(h => h.Version));
    }
}
