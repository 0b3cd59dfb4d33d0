using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;
using static Ratio1.Orleans.Tests.Capture.PayloadFields;

namespace Ratio1.Orleans.Tests.Capture;

[Collection(SiloCollection.Name)]
public sealed class MetaStreamTests(SiloFixture fixture) : IDisposable
{
    private const string Node = SiloFixture.NodeId;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly ScratchFiles _files = new();

    private Ratio1Session Session => fixture.Session;

    [Fact]
    public async Task MetaStream_merges_the_captures_of_the_pipelines_it_collects_each_named_by_STREAM_NAME()
    {
        var (north, south, merged) = (SiloFixture.UniqueName("north"), SiloFixture.UniqueName("south"), SiloFixture.UniqueName("merged"));
        await using var deployed = new DeployedPipelines(Session);
        var echoes = new Inbox<Payload>();
        await using var _ = await Session.OnPipelinePayloadAsync(Node, merged, echoes.AddAsync);

        // Collected pipelines that do not exist yet contribute once they run.
        await deployed.DeployAsync(Merger(merged, north, south));
        await deployed.DeployAsync(Replay(north, "north.csv", "site,temperature\nnorth,1\nnorth,2\n"));
        await deployed.DeployAsync(Replay(south, "south.csv", "site,temperature\nsouth,3\nsouth,4\n"));

        var received = await echoes.WaitUntilAsync(
            r => r.Any(p => Text(p, "DATA", "site") == "north") && r.Any(p => Text(p, "DATA", "site") == "south"),
            Deadline, $"{merged} echoes rows of both {north} and {south}");
        Assert.All(received, p => Assert.Equal(Text(p, "DATA", "site") == "north" ? north : south, Text(p, "METADATA", "STREAM_NAME")));
    }

    [Fact]
    public async Task MetaStreams_that_collect_each_other_pass_an_item_on_once_and_never_back()
    {
        var (rows, first, second) = (SiloFixture.UniqueName("rows"), SiloFixture.UniqueName("first"), SiloFixture.UniqueName("second"));
        await using var deployed = new DeployedPipelines(Session);
        var firstEchoes = new Inbox<Payload>();
        var secondEchoes = new Inbox<Payload>();
        await using var firstTap = await Session.OnPipelinePayloadAsync(Node, first, firstEchoes.AddAsync);
        await using var secondTap = await Session.OnPipelinePayloadAsync(Node, second, secondEchoes.AddAsync);

        await deployed.DeployAsync(Merger(first, rows, second));
        await deployed.DeployAsync(Merger(second, first));
        await deployed.DeployAsync(Replay(rows, "rows.csv", "site,temperature\nwest,5\n"));

        await secondEchoes.WaitUntilAsync(r => r.Count >= 5, Deadline, $"{second} echoes 5 rows that went through {first}");
        Assert.All(secondEchoes.Received, p => Assert.Equal(first, Text(p, "METADATA", "STREAM_NAME")));
        Assert.All(firstEchoes.Received, p => Assert.Equal(rows, Text(p, "METADATA", "STREAM_NAME")));
    }

    [Fact]
    public async Task A_MetaStream_without_COLLECTED_STREAMS_is_refused_at_deploy_naming_the_key()
    {
        var merged = SiloFixture.UniqueName("merged");
        var pipeline = Session.CreatePipeline(Node, merged, "MetaStream");
        pipeline.CreatePluginInstance("ECHO_01", "echo");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());

        Assert.Equal(("COLLECTED_STREAMS", null, "is required"), (error.Field, error.Value, error.Errors[0].Reason));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => Session.GetPipelineAsync(Node, merged));
    }

    [Fact]
    public async Task A_COLLECTED_STREAMS_name_that_is_not_a_pipeline_name_is_refused_at_deploy_naming_its_position()
    {
        var merged = SiloFixture.UniqueName("merged");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => Merger(merged, "north", "south/east").DeployAsync());

        Assert.Equal(("COLLECTED_STREAMS[1]", "\"south/east\""), (error.Field, error.Value));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => Session.GetPipelineAsync(Node, merged));
    }

    public void Dispose() => _files.Dispose();

    // A StructuredFile pipeline replaying a CSV at 10 rows a second; it has no instances of its own.
    private Pipeline Replay(string name, string fileName, string csv) =>
        Session.CreatePipeline(Node, name, "StructuredFile", new Dictionary<string, object?>
        {
            ["URL"] = _files.Write($"{name}-{fileName}", csv),
            ["CAP_RESOLUTION"] = 10,
            ["REPLAY"] = true,
        });

    private Pipeline Merger(string name, params string[] collected)
    {
        var pipeline = Session.CreatePipeline(Node, name, "MetaStream", new Dictionary<string, object?> { ["COLLECTED_STREAMS"] = collected });
        pipeline.CreatePluginInstance("ECHO_01", "echo", new Dictionary<string, object?> { ["MAX_INPUTS_QUEUE_SIZE"] = 64, ["PROCESS_DELAY"] = 0 });
        return pipeline;
    }
}
