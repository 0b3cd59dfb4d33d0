using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>Every SecondsHeartbeat a node reports real readings of its machine and its running instances.</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task A_heartbeat_carries_real_readings_of_the_machine_and_the_running_instances()
    {
        await using var silo = await TestSilo.StartAsync("edge-beat", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:SecondsHeartbeat=1"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "watched", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.5 });
        await pipeline.DeployAsync();
        var heartbeats = new ConcurrentQueue<Heartbeat>();
        await using var subscription = await session.OnHeartbeatAsync(h => heartbeats.Enqueue(h));

        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!heartbeats.Any(h => h.ActivePlugins.Any(a => a.TotalPayloadCount > 0)) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var beat = heartbeats.Last();
        Assert.Equal(("edge-beat", "ONLINE", Environment.ProcessorCount), (beat.Envelope.NodeId, beat.DeviceStatus, beat.CpuCores));
        Assert.InRange(beat.MachineMemoryGb, 0.1, 100_000);
        Assert.InRange(beat.AvailableMemoryGb, 0.01, beat.MachineMemoryGb);
        Assert.InRange(beat.ProcessMemoryGb, 0.001, beat.MachineMemoryGb);
        Assert.InRange(beat.TotalDiskGb, 0.1, 1_000_000);
        Assert.InRange(beat.CpuUsedPercent, 0, 100);
        Assert.True(beat.UptimeSeconds > 0);
        Assert.False(string.IsNullOrWhiteSpace(beat.CpuName));
        Assert.Equal<string>(["watched"], beat.ConfigStreams);
        var active = Assert.Single(beat.ActivePlugins);
        Assert.Equal(("watched", "ECHO_01", "e1", 0.5), (active.StreamId, active.Signature, active.InstanceId, active.ProcessDelay));
        Assert.True(active.TotalPayloadCount > 0 && active.CurrentExecIteration > 0);
    }

    [Fact]
    public async Task A_node_reporting_heartbeats_is_online()
    {
        await using var silo = await TestSilo.StartAsync("edge-alive", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:SecondsHeartbeat=1"]);
        await using var session = await silo.ConnectAsync();

        await Task.Delay(1500);

        var node = await session.GetNodeAsync("edge-alive");
        Assert.True(node.IsOnline);
        Assert.True(DateTimeOffset.UtcNow - node.LastSeen < TimeSpan.FromSeconds(2), $"last seen {node.LastSeen:O}");
        Assert.Contains("ECHO_01", node.Signatures);
        Assert.Contains("PROBE_01", node.Signatures);
    }
}
