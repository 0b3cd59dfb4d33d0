using System.Text.Json;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class PushCommandTests(SiloFixture fixture) : IAsyncLifetime
{
    private readonly EchoPipelines _pipelines = new(fixture.Session, SiloFixture.NodeId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipelines.DisposeAsync().AsTask();

    [Fact]
    public async Task Push_with_wait_prints_the_payload_answering_the_input()
    {
        var name = await _pipelines.DeployOnDemandAsync();

        var result = await R1ctl.RunAsync(fixture, "push", SiloFixture.NodeId, name, """{"temperature": 21.5}""", "--wait");
        var payload = result.StdoutJson();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(21.5, payload.GetProperty("DATA").GetProperty("temperature").GetDouble());
        Assert.True(Guid.TryParse(payload.GetProperty("INPUT_ID").GetString(), out _), result.Stdout);
    }

    [Fact]
    public async Task Push_prints_the_id_of_the_input()
    {
        var name = await _pipelines.DeployOnDemandAsync();

        var result = await R1ctl.RunWithStdinAsync(fixture, "hello\n", "push", SiloFixture.NodeId, name, "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Guid.TryParse(result.Stdout.Trim(), out _), result.ToString());
    }

    [Fact]
    public async Task Push_with_wait_and_json_writes_the_whole_payload()
    {
        var name = await _pipelines.DeployOnDemandAsync();

        var result = await R1ctl.RunAsync(fixture, "push", SiloFixture.NodeId, name, "hello", "--wait", "--json");
        var json = result.StdoutJson();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("PAYLOAD", json.GetProperty("eventType").GetString());
        Assert.Equal(EchoPipelines.Signature, json.GetProperty("envelope").GetProperty("signature").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("data").GetProperty("DATA").ValueKind);
        Assert.Equal("hello", json.GetProperty("data").GetProperty("DATA").GetString());
    }

    [Fact]
    public async Task Push_into_a_pipeline_that_takes_no_inputs_exits_5()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "push", SiloFixture.NodeId, name, "{}");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("its Void source takes none", result.Stderr);
    }
}
