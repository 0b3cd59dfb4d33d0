using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>A node's limits refuse an oversized change whole, naming the limit and its setting; nothing is stored.</summary>
[Collection(SiloCollection.Name)]
public sealed class LimitsTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_config_over_the_default_2_MiB_is_refused_by_the_client_before_it_is_sent()
    {
        var name = SiloFixture.UniqueName("big");

        var error = await Assert.ThrowsAsync<OverLimitException>(() => fixture.Session.DeployPipelineJsonAsync(Node, Pipeline(name, Blob(3))));

        Assert.Equal(("Ratio1SessionOptions.MaxConfigBytes", 2L * 1024 * 1024), (error.Setting, error.Limit));
        Assert.DoesNotContain(await fixture.Session.GetPipelinesAsync(Node, includeArchived: true), p => p.Name == name);
    }

    [Fact]
    public async Task A_config_over_the_default_2_MiB_is_refused_by_the_node_naming_its_limit()
    {
        var name = SiloFixture.UniqueName("big");
        await using var session = await LaxSessionAsync(fixture.Silo);

        var error = await Assert.ThrowsAsync<OverLimitException>(() => session.DeployPipelineJsonAsync(Node, Pipeline(name, Blob(3))));

        Assert.Equal(("Limits:MaxConfigBytes", 2L * 1024 * 1024), (error.Setting, error.Limit));
        Assert.Contains("over the limit of 2,097,152 (Limits:MaxConfigBytes)", error.Message);
        Assert.DoesNotContain(await fixture.Session.GetPipelinesAsync(Node, includeArchived: true), p => p.Name == name);
    }

    [Fact]
    public async Task A_pipeline_of_5000_instances_is_refused_naming_the_limit()
    {
        var name = SiloFixture.UniqueName("wide");
        var instances = string.Join(",", Enumerable.Range(0, 5000).Select(i => $$"""{"INSTANCE_ID":"i{{i}}"}"""));
        var json = $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{{instances}}]}]}""";

        var error = await Assert.ThrowsAsync<OverLimitException>(() => fixture.Session.DeployPipelineJsonAsync(Node, json));

        Assert.Equal(("Limits:MaxInstancesPerPipeline", 5000L, 1000L), (error.Setting, error.Value, error.Limit));
        Assert.DoesNotContain(await fixture.Session.GetPipelinesAsync(Node, includeArchived: true), p => p.Name == name);
    }

    [Fact]
    public async Task An_update_that_grows_a_config_over_the_limit_leaves_the_stored_version()
    {
        var name = SiloFixture.UniqueName("grow");
        await fixture.Session.DeployPipelineJsonAsync(Node, Pipeline(name, "\"BLOB\":\"small\""));

        await using var session = await LaxSessionAsync(fixture.Silo);

        var error = await Assert.ThrowsAsync<OverLimitException>(() =>
            session.UpdatePipelineAsync(Node, name, new Dictionary<string, object?> { ["BLOB"] = new string('y', 3 * 1024 * 1024) }));

        Assert.Equal("Limits:MaxConfigBytes", error.Setting);
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(Node, name)).Version);
    }

    [Fact]
    public async Task A_command_over_the_message_limit_is_refused_naming_the_limit()
    {
        var name = SiloFixture.UniqueName("cmd");
        await fixture.Session.DeployPipelineJsonAsync(Node, Pipeline(name, "\"X\":1"));

        var error = await Assert.ThrowsAsync<MessageTooLargeException>(() =>
            fixture.Session.SendPipelineCommandAsync(Node, name, new Dictionary<string, object?> { ["DATA"] = new string('c', 20_000_000) }));

        // The session refuses it first, naming its own setting (the nodes' Traffic:MaxMessageBytes by default).
        Assert.Equal("Ratio1SessionOptions.MaxMessageBytes", error.Setting);
    }

    /// <summary>A session that sends configs of any size, as a client that skips its own check would.</summary>
    internal static Task<Client.Ratio1Session> LaxSessionAsync(TestSilo silo)
    {
        var options = silo.SessionOptions("lax-client");
        options.MaxConfigBytes = long.MaxValue;
        return Client.Ratio1Session.ConnectAsync(options);
    }

    internal static string Blob(int mebibytes) => $"\"BLOB\":\"{new string('x', mebibytes * 1024 * 1024)}\"";

    internal static string Pipeline(string name, string extra) =>
        $$"""{"NAME":"{{name}}","TYPE":"Void",{{extra}},"PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""";
}

/// <summary>Limits set in the node's settings replace the defaults.</summary>
public sealed class ConfiguredLimitsTests
{
    [Fact]
    public async Task A_node_with_MaxPipelinesPerNode_3_refuses_a_fourth_live_pipeline()
    {
        await using var silo = await TestSilo.StartAsync("edge-limits", extraArgs: ["--Limits:MaxPipelinesPerNode=3"]);
        await using var session = await silo.ConnectAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await session.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline(name, "\"X\":1"));
        }

        var error = await Assert.ThrowsAsync<OverLimitException>(() => session.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("d", "\"X\":1")));
        await session.ClosePipelineAsync(silo.NodeId, "a");
        await session.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("d", "\"X\":1"));

        Assert.Equal(("Limits:MaxPipelinesPerNode", 3L), (error.Setting, error.Limit));
    }

    [Fact]
    public async Task A_message_body_limit_not_above_the_config_limit_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestSilo.StartAsync("edge-bad-limits", extraArgs: ["--Limits:MaxMessageBodyBytes=1000000"]));

        Assert.Contains("Limits:MaxMessageBodyBytes", error.Message);
    }
}

/// <summary>A 50 MB config never grows the silo: the client refuses it, and the transport drops it from a client that does not.</summary>
public sealed class TransportBackstopTests(ITestOutputHelper output)
{
    private const long Flat = 64L * 1024 * 1024;

    [Fact]
    public async Task A_50_MB_config_is_refused_naming_the_limit_and_the_silos_memory_stays_flat()
    {
        await using var silo = await SiloProcess.StartAsync("edge-backstop");
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("warm", "\"X\":1"));
        var before = silo.ResidentBytes;

        var error = await Assert.ThrowsAsync<OverLimitException>(() => session.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("huge", LimitsTests.Blob(50))));
        var after = silo.ResidentBytes;
        output.WriteLine($"{error.Message} RSS before {before / 1048576} MiB, after {after / 1048576} MiB");

        Assert.Contains("MaxConfigBytes", error.Message);
        Assert.DoesNotContain(await session.GetPipelinesAsync(silo.NodeId, includeArchived: true), p => p.Name == "huge");
        Assert.True(after - before < Flat, $"RSS grew from {before:N0} to {after:N0} bytes");
    }

    [Fact]
    public async Task A_50_MB_config_from_a_client_without_the_check_is_dropped_by_the_transport_and_the_silo_serves_on()
    {
        await using var silo = await SiloProcess.StartAsync("edge-backstop-raw");
        var options = silo.SessionOptions("raw-client");
        options.MaxConfigBytes = long.MaxValue;
        var before = 0L;
        await using (var raw = await Client.Ratio1Session.ConnectAsync(options))
        {
            await raw.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("warm", "\"X\":1"));
            before = silo.ResidentBytes;
            var error = await Assert.ThrowsAnyAsync<Exception>(() => raw.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("huge", LimitsTests.Blob(50))));
            output.WriteLine($"{error.GetType().Name}: {error.Message}");
        }

        var after = silo.ResidentBytes;
        await using var session = await silo.ConnectAsync();
        output.WriteLine($"RSS before {before / 1048576} MiB, after {after / 1048576} MiB");

        Assert.DoesNotContain(await session.GetPipelinesAsync(silo.NodeId, includeArchived: true), p => p.Name == "huge");
        Assert.Equal(1, (await session.DeployPipelineJsonAsync(silo.NodeId, LimitsTests.Pipeline("after", "\"X\":1"))).Version);
        Assert.True(after - before < Flat, $"RSS grew from {before:N0} to {after:N0} bytes");
    }
}
