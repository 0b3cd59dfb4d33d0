using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Persistence;
using Ratio1.Orleans.Storage.Serialization;

namespace Ratio1.Orleans.Tests.Storage;

/// <summary>A node's stored registration keeps its capture types, and rows written before they existed still read.</summary>
public sealed class NodeStateCompatibilityTests
{
    private static readonly VersionedStateSerializer Serializer = new ServiceCollection()
        .AddSerializer()
        .AddGrainStateContracts()
        .AddSingleton<StateContractRegistry>()
        .AddSingleton<VersionedStateSerializer>()
        .BuildServiceProvider()
        .GetRequiredService<VersionedStateSerializer>();

    [Fact]
    public void A_node_row_written_before_capture_types_were_registered_reads_as_not_knowing_them()
    {
        const string stored = """{"contract":"r1.node","version":1,"state":{"nodeId":"edge-old","alias":"edge-old","tags":{},"signatures":["ECHO_01"],"version":"0.9","hostName":"h","siloAddress":"S1","firstSeen":"2025-01-01T00:00:00+00:00","registeredAt":"2025-01-01T00:00:00+00:00","offline":true}}""";

        var state = Serializer.Deserialize<NodeState>(new BinaryData(stored));

        Assert.Equal("edge-old", state.NodeId);
        Assert.Equal(["ECHO_01"], state.Signatures);
        Assert.Null(state.CaptureTypes);
    }

    [Fact]
    public void Registered_capture_types_are_stored_with_their_rules_as_readable_json()
    {
        var state = new NodeState
        {
            NodeId = "edge-new",
            CaptureTypes = [new RegisteredCaptureType { Type = "VideoFile", Description = "Frames", Rules = ConfigMap.Parse("""{"URL":{"TYPE":"str","REQUIRED":true}}""") }],
        };

        var json = Serializer.Serialize(state).ToString();
        var read = Serializer.Deserialize<NodeState>(new BinaryData(json));

        Assert.Contains("""
            "captureTypes":[{"type":"VideoFile","description":"Frames","rules":{"URL":{"TYPE":"str","REQUIRED":true}}}]
            """.Trim(), json);
        Assert.Equal(state.CaptureTypes[0].Rules, Assert.Single(read.CaptureTypes!).Rules);
    }
}
