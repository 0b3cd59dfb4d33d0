using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;
using static Ratio1.Orleans.Tests.Capture.PayloadFields;

namespace Ratio1.Orleans.Tests.Capture;

[Collection(SiloCollection.Name)]
public sealed class NetworkListenerTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private Ratio1Session Session => fixture.Session;

    [Fact]
    public async Task NetworkListener_chains_two_pipelines()
    {
        var (a, b) = (SiloFixture.UniqueName("a"), SiloFixture.UniqueName("b"));
        await using var deployed = new DeployedPipelines(Session);
        var echoes = new Inbox<Payload>();
        await using var _ = await Session.OnPipelinePayloadAsync(Node, b, echoes.AddAsync);

        await deployed.DeployAsync(Talker(a, "e1", "from-a"));
        await deployed.DeployAsync(Listener(b, new object?[] { Node, a, "ECHO_01", null }));

        var received = await echoes.WaitUntilAsync(r => r.Any(p => Text(p, "DATA", "MESSAGE") == "from-a"), Deadline, $"{b} echoes a payload of {a}");
        var echo = received.First(p => Text(p, "DATA", "MESSAGE") == "from-a");
        Assert.Equal(
            new[] { Node, a, "ECHO_01", "e1" },
            new[] { Text(echo, "METADATA", "NODE"), Text(echo, "METADATA", "PIPELINE"), Text(echo, "METADATA", "SIGNATURE"), Text(echo, "METADATA", "INSTANCE_ID") });
    }

    [Fact]
    public async Task A_null_pipeline_in_PATH_FILTER_listens_to_every_pipeline_that_matches_the_rest()
    {
        var (a1, a2, b) = (SiloFixture.UniqueName("a1"), SiloFixture.UniqueName("a2"), SiloFixture.UniqueName("b"));
        var instance = SiloFixture.UniqueName("talker");
        await using var deployed = new DeployedPipelines(Session);
        var echoes = new Inbox<Payload>();
        await using var _ = await Session.OnPipelinePayloadAsync(Node, b, echoes.AddAsync);

        await deployed.DeployAsync(Listener(b, new object?[] { Node, null, "ECHO_01", instance }));
        await deployed.DeployAsync(Talker(a1, instance, "from-a1"));
        await deployed.DeployAsync(Talker(a2, instance, "from-a2"));

        var received = await echoes.WaitUntilAsync(
            r => r.Any(p => Text(p, "DATA", "MESSAGE") == "from-a1") && r.Any(p => Text(p, "DATA", "MESSAGE") == "from-a2"),
            Deadline, $"{b} echoes payloads of both {a1} and {a2}, deployed after it");
        Assert.All(received.Where(p => Text(p, "DATA", "MESSAGE") == "from-a2"), p => Assert.Equal(a2, Text(p, "METADATA", "PIPELINE")));
    }

    [Fact]
    public async Task MESSAGE_FILTER_delivers_only_payloads_whose_data_has_the_given_values()
    {
        var (a, b) = (SiloFixture.UniqueName("a"), SiloFixture.UniqueName("b"));
        await using var deployed = new DeployedPipelines(Session);
        var echoes = new Inbox<Payload>();
        await using var _ = await Session.OnPipelinePayloadAsync(Node, b, echoes.AddAsync);
        var talker = Talker(a, "keep", "keep-me");
        talker.CreatePluginInstance("ECHO_01", "drop", TalkerConfig("drop-me"));

        await deployed.DeployAsync(talker);
        await deployed.DeployAsync(Listener(b, new object?[] { Node, a, null, null }, new Dictionary<string, object?>
        {
            ["MESSAGE_FILTER"] = new Dictionary<string, object?> { ["MESSAGE"] = "keep-me" },
        }));

        var received = await echoes.WaitUntilAsync(r => r.Count(p => Text(p, "DATA", "MESSAGE") is not null) >= 4, Deadline, $"{b} echoes 4 payloads of {a}");
        Assert.All(received, p => Assert.Equal("keep-me", Text(p, "DATA", "MESSAGE")));
    }

    [Fact]
    public async Task A_listener_does_not_hear_its_own_payloads_by_default()
    {
        var b = SiloFixture.UniqueName("b");
        await using var deployed = new DeployedPipelines(Session);
        var payloads = new Inbox<Payload>();
        await using var _ = await Session.OnPipelinePayloadAsync(Node, b, payloads.AddAsync);
        var self = Listener(b, new object?[] { Node, b, null, null });
        self.CreatePluginInstance("ECHO_01", "talker", TalkerConfig("from-b"));

        await deployed.DeployAsync(self);
        await payloads.WaitUntilAsync(r => r.Count(p => Text(p, "MESSAGE") == "from-b") >= 6, Deadline, $"{b}'s talker speaks 6 times");

        Assert.DoesNotContain(payloads.Received, p => Text(p, "DATA") is not null);
    }

    [Fact]
    public async Task A_listener_with_ACCEPT_SELF_hears_its_own_payloads()
    {
        var b = SiloFixture.UniqueName("b");
        await using var deployed = new DeployedPipelines(Session);
        var payloads = new Inbox<Payload>();
        await using var _ = await Session.OnPipelinePayloadAsync(Node, b, payloads.AddAsync);
        var self = Listener(b, new object?[] { Node, b, "ECHO_01", "talker" }, new Dictionary<string, object?> { ["ACCEPT_SELF"] = true });
        self.CreatePluginInstance("ECHO_01", "talker", TalkerConfig("from-b"));

        await deployed.DeployAsync(self);

        await payloads.WaitUntilAsync(r => r.Any(p => Text(p, "DATA", "MESSAGE") == "from-b"), Deadline, $"{b}'s echo repeats its own talker");
    }

    [Fact]
    public async Task A_PATH_FILTER_of_the_wrong_shape_is_refused_at_deploy_naming_PATH_FILTER_and_its_value()
    {
        var b = SiloFixture.UniqueName("b");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => Listener(b, new object?[] { Node, "a" }).DeployAsync());

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("PATH_FILTER", $"[\"{Node}\",\"a\"]"), (problem.Field, problem.Value));
        Assert.Equal("has 2 elements; expected exactly 4", problem.Reason);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => Session.GetPipelineAsync(Node, b));
    }

    [Fact]
    public async Task A_PATH_FILTER_element_that_is_not_a_name_is_refused_at_deploy_naming_that_element()
    {
        var b = SiloFixture.UniqueName("b");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => Listener(b, new object?[] { Node, 42, new[] { "ECHO_01", null }, new string[0] }).DeployAsync());

        Assert.Equal(
            [("PATH_FILTER[1]", "42"), ("PATH_FILTER[2][1]", "null"), ("PATH_FILTER[3]", "[]")],
            error.Errors.Select(e => (e.Field, e.Value)));
        Assert.Contains("expected a string, a list or null but found an integer", error.Errors[0].Reason);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => Session.GetPipelineAsync(Node, b));
    }

    // A Void pipeline whose ECHO_01 instance sends MESSAGE five times a second.
    private Pipeline Talker(string name, string instanceId, string message)
    {
        var pipeline = Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", instanceId, TalkerConfig(message));
        return pipeline;
    }

    private static Dictionary<string, object?> TalkerConfig(string message) => new()
    {
        ["ALLOW_EMPTY_INPUTS"] = true,
        ["PROCESS_DELAY"] = 0.2,
        ["MESSAGE"] = message,
    };

    // A NetworkListener pipeline whose ECHO_01 instance "echo" repeats every payload it hears.
    private Pipeline Listener(string name, object?[] pathFilter, Dictionary<string, object?>? more = null)
    {
        var settings = new Dictionary<string, object?>(more ?? new Dictionary<string, object?>()) { ["PATH_FILTER"] = pathFilter };
        var pipeline = Session.CreatePipeline(Node, name, "NetworkListener", settings);
        pipeline.CreatePluginInstance("ECHO_01", "echo", new Dictionary<string, object?> { ["MAX_INPUTS_QUEUE_SIZE"] = 64, ["PROCESS_DELAY"] = 0 });
        return pipeline;
    }
}
