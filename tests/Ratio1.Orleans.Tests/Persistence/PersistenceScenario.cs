using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary>
/// The state a restart must preserve, built the same way on every storage: a pipeline with history, an archived one,
/// a deleted one, and the node's registration. <see cref="AssertSurvivedAsync"/> checks it from a new session.
/// </summary>
internal sealed class PersistenceScenario
{
    public const string Live = "live";
    public const string Archived = "archived";
    public const string Deleted = "deleted";

    private PipelineSnapshot _live = null!;
    private IReadOnlyList<PipelineRevisionInfo> _history = [];
    private string _firstVersionJson = string.Empty;

    public async Task BuildAsync(TestSilo silo)
    {
        await using var session = await silo.ConnectAsync("writer");
        var node = silo.NodeId;

        var live = session.CreatePipeline(node, Live, "Void", new Dictionary<string, object?> { ["URL"] = "/videos/gate.mp4", ["CAP_RESOLUTION"] = 20.0 });
        live.CreatePluginInstance("SENSOR_THRESHOLD_01", "inst01", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 3, ["VALUE_KEY"] = "temperature", ["OBJECT_TYPE"] = new[] { "person", "car" }, ["NOTE"] = "caméra nord ✓", ["RATIO"] = 1.50 });
        live.CreatePluginInstance("ECHO_01", "e1");
        await live.DeployAsync();
        _firstVersionJson = (await session.GetPipelineAsync(node, Live)).Config.ToJson();
        await session.UpdateInstanceAsync(node, Live, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 5 });
        await session.UpdatePipelineAsync(node, Live, new Dictionary<string, object?> { ["LIVE_FEED"] = false });

        await session.DeployPipelineJsonAsync(node, """{"NAME":"archived","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"a"}]}]}""");
        await session.ClosePipelineAsync(node, Archived);
        await session.DeployPipelineJsonAsync(node, """{"NAME":"deleted","TYPE":"Void"}""");
        await session.DeletePipelineAsync(node, Deleted);

        _live = await session.GetPipelineAsync(node, Live);
        _history = await session.GetPipelineHistoryAsync(node, Live);
    }

    public async Task AssertSurvivedAsync(TestSilo silo)
    {
        await using var session = await silo.ConnectAsync("reader");
        var node = silo.NodeId;

        var live = await session.GetPipelineAsync(node, Live);
        Assert.Equal(_live.Version, live.Version);
        Assert.Equal(_live.Config.ToJson(), live.Config.ToJson());
        Assert.Equal<InstanceVersion>(_live.InstanceVersions, live.InstanceVersions);
        Assert.Equal(("writer", _live.CreatedAt), (live.CreatedBy, live.CreatedAt));
        Assert.Equal<PipelineRevisionInfo>(_history, await session.GetPipelineHistoryAsync(node, Live));
        Assert.Equal(_firstVersionJson, (await session.GetPipelineAsync(node, Live, version: 1)).Config.ToJson());

        var all = await session.GetPipelinesAsync(node, includeArchived: true);
        Assert.Equal([(Archived, true), (Live, false)], all.Select(p => (p.Name, p.Archived)));
        Assert.Contains(await session.GetNodesAsync(), n => n.NodeId == node);
    }
}
