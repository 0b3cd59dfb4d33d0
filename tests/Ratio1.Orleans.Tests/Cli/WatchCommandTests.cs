using System.Diagnostics;
using System.Text.Json;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class WatchCommandTests(SiloFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly EchoPipelines _pipelines = new(fixture.Session, SiloFixture.NodeId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipelines.DisposeAsync().AsTask();

    [Fact]
    public async Task Watch_with_count_prints_that_many_payload_lines_and_exits_0()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "watch", SiloFixture.NodeId, name, "--count", "3");
        var lines = Lines(result.Stdout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Matches(
            $@"^\d\d:\d\d:\d\d\.\d{{3}} PAYLOAD {SiloFixture.NodeId}/{name}/{EchoPipelines.Signature}/{EchoPipelines.InstanceId} #\d+ \{{.*""MESSAGE"":""echo""", line));
    }

    [Fact]
    public async Task Watch_with_json_writes_one_json_object_per_line_with_the_whole_message()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture, "watch", SiloFixture.NodeId, name, "--count", "2", "--json");
        var messages = Lines(result.Stdout).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, messages.Count);
        Assert.All(messages, message =>
        {
            Assert.Equal("PAYLOAD", message.GetProperty("eventType").GetString());
            Assert.Equal(name, message.GetProperty("envelope").GetProperty("pipeline").GetString());
            Assert.Equal("echo", message.GetProperty("data").GetProperty("MESSAGE").GetString());
        });
    }

    [Fact]
    public async Task Watch_with_duration_ends_after_that_time_with_exit_0()
    {
        var name = await _pipelines.DeployTickingAsync();
        var clock = Stopwatch.StartNew();

        var result = await R1ctl.RunAsync(fixture, "watch", SiloFixture.NodeId, name, "--notifications", "--duration", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), Patience);
    }

    [Fact]
    public async Task Watch_without_a_pipeline_follows_every_pipeline_of_the_node_including_ones_deployed_meanwhile()
    {
        var before = await _pipelines.DeployTickingAsync();
        var stdout = new LiveOutput();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var watch = R1ctl.RunLiveAsync(fixture.Silo.GatewayPort, stdout, string.Empty, stop.Token, "watch", SiloFixture.NodeId, "--payloads");

        await stdout.LineAsync(line => line.Contains($" PAYLOAD {SiloFixture.NodeId}/{before}/"), Patience);
        var meanwhile = await _pipelines.DeployTickingAsync();
        await stdout.LineAsync(line => line.Contains($" PAYLOAD {SiloFixture.NodeId}/{meanwhile}/"), Patience);
        await stop.CancelAsync();
        var result = await watch;

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Ctrl_C_ends_a_watch_with_exit_0()
    {
        var name = await _pipelines.DeployTickingAsync();
        var stdout = new LiveOutput();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var watch = R1ctl.RunLiveAsync(fixture.Silo.GatewayPort, stdout, string.Empty, stop.Token, "watch", SiloFixture.NodeId, name);

        await stdout.LineAsync(line => line.Contains(" PAYLOAD "), Patience);
        await stop.CancelAsync();
        var result = await watch;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Watch_with_heartbeats_prints_the_nodes_heartbeat()
    {
        var result = await R1ctl.RunAsync(fixture, "watch", SiloFixture.NodeId, "--heartbeats", "--count", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"^\d\d:\d\d:\d\d\.\d{{3}} HEARTBEAT {SiloFixture.NodeId} cpu \d+% mem \d+\.\d/\d+\.\d GiB instances \d+ sent [\d,]+( dropped [\d,]+ \(.+\))?\r?\n$", result.Stdout);
    }

    [Fact]
    public async Task Watch_of_a_pipeline_that_does_not_exist_exits_3()
    {
        var result = await R1ctl.RunAsync(fixture, "watch", SiloFixture.NodeId, SiloFixture.UniqueName(), "--count", "1");

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
