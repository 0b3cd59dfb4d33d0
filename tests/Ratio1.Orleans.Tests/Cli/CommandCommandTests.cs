using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class CommandCommandTests(SiloFixture fixture) : IAsyncLifetime
{
    private readonly EchoPipelines _pipelines = new(fixture.Session, SiloFixture.NodeId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipelines.DisposeAsync().AsTask();

    [Fact]
    public async Task An_instance_command_prints_the_nodes_confirmation_and_exits_0()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "command", SiloFixture.NodeId, name, "SET_MESSAGE",
            "--instance", EchoPipelines.Signature, EchoPipelines.InstanceId, "--param", "MESSAGE=hi");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"^\S+ NOTIFICATION {SiloFixture.NodeId}/{name}/{EchoPipelines.Signature}/{EchoPipelines.InstanceId} PLUGIN_INSTANCE_COMMAND_OK ", result.Stdout);
    }

    [Fact]
    public async Task Payloads_after_an_instance_command_show_its_effect()
    {
        var name = await _pipelines.DeployTickingAsync();

        var command = await R1ctl.RunAsync(fixture, "command", SiloFixture.NodeId, name, """{"COMMAND": "SET_MESSAGE"}""",
            "--signature", EchoPipelines.Signature, "--instance-id", EchoPipelines.InstanceId, "--param", "message=hi");
        var watch = await R1ctl.RunAsync(fixture, "watch", SiloFixture.NodeId, name, "--payloads", "--count", "3");

        Assert.True(command.ExitCode == 0, command.ToString());
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.Contains("\"MESSAGE\":\"hi\"", watch.Stdout.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task A_command_the_instance_does_not_know_exits_9_with_the_nodes_message()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "command", SiloFixture.NodeId, name, "RESET",
            "--instance", EchoPipelines.Signature, EchoPipelines.InstanceId, "--json");

        Assert.True(result.ExitCode == 9, result.ToString());
        Assert.StartsWith("error: Command 'RESET' failed in ECHO_01/e1: ECHO_01 takes no instance command \"RESET\" (it takes SET_MESSAGE", result.Stderr);
        Assert.Equal("command-failed", result.StderrJson().GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_pipeline_command_to_a_pipeline_without_capture_source_exits_9()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "command", SiloFixture.NodeId, name, "RESET");

        Assert.True(result.ExitCode == 9, result.ToString());
        Assert.Contains("has no capture source to take commands", result.Stderr);
    }

    [Fact]
    public async Task A_command_to_an_instance_that_does_not_exist_exits_3()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "command", SiloFixture.NodeId, name, "RESET", "--instance", EchoPipelines.Signature, "nope");

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Fact]
    public async Task A_param_that_is_not_key_equals_value_is_a_usage_error()
    {
        var result = await R1ctl.RunAsync(fixture, "command", SiloFixture.NodeId, "any", "RESET", "--param", "MESSAGE");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("KEY=VALUE", result.Stderr);
    }
}
