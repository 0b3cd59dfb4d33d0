using System.Collections.Immutable;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>
/// Deploys are checked against what the target node registered (stored with its node), not against the silo that
/// takes the deploy: a node whose silo is stopped still gets its TYPE and capture keys checked by another silo of
/// the cluster (same storage). These tests get silos of their own.
/// </summary>
public sealed class OfflineNodeCaptureValidationTests : IAsyncLifetime
{
    private const string GoneNode = "edge-gone-capture";
    private TestSilo _gone = null!;
    private TestSilo _running = null!;
    private Ratio1Session _session = null!;

    public async Task InitializeAsync()
    {
        _gone = await TestSilo.StartAsync(GoneNode);
        await _gone.StopAsync();
        _running = await TestSilo.StartAsync("edge-running-capture", _gone.DataDirectory);
        _session = await _running.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _running.DisposeAsync();
        await _gone.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_TYPE_for_an_offline_node_is_refused_listing_the_types_it_registered()
    {
        Assert.Equal(NodeStatus.Offline, (await _session.GetNodeAsync(GoneNode)).Status);

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => _session.DeployPipelineJsonAsync(GoneNode, Pipeline("cam", "VideoFiles", """ "URL": "/v.mp4" """)));

        Assert.Equal(("TYPE", "\"VideoFiles\""), (error.Field, error.Value));
        Assert.Contains($"node '{GoneNode}' has no capture type 'VideoFiles'; it offers Void, ImageFolder, Loopback, MetaStream, NetworkListener, OnDemandInput, StructuredFile, VideoFile, VideoStream", error.Message);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _session.GetPipelineAsync(GoneNode, "cam"));
    }

    [Fact]
    public async Task A_bad_capture_key_for_an_offline_node_is_refused_naming_the_key_and_value()
    {
        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => _session.DeployPipelineJsonAsync(GoneNode, Pipeline("listener", "NetworkListener", """ "PATH_FILTER": [null, null] """)));

        Assert.Equal(("PATH_FILTER", "[null,null]", "has 2 elements; expected exactly 4"), (error.Field, error.Value, error.Errors[0].Reason));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _session.GetPipelineAsync(GoneNode, "listener"));
    }

    [Fact]
    public async Task A_valid_pipeline_for_an_offline_node_is_stored_for_when_it_starts()
    {
        // Under the test silos' capture root (the node checks URLs against its roots, online or not).
        var url = System.Text.Json.JsonSerializer.Serialize(Path.Combine(TestReach.TempRoot, "v.mp4"));
        var outcome = await _session.DeployPipelineJsonAsync(GoneNode, Pipeline("cam", "VideoFile", $""" "URL": {url}, "RESIZE_WIDTH": 320 """));

        Assert.Equal(1, outcome.Version);
    }

    [Fact]
    public async Task A_node_registered_without_capture_types_gets_its_TYPE_checked_only_when_it_runs_the_pipeline()
    {
        // What a silo of an older build registers: no capture types, so nothing is known about them before the node runs.
        const string legacy = "edge-legacy";
        await _session.Client.GetNode(legacy).RegisterAsync(new NodeRegistration(
            legacy, legacy, ImmutableDictionary<string, string>.Empty, ["ECHO_01"], "0.9", "old-host", "silo-of-an-older-build", DateTimeOffset.UtcNow));

        var outcome = await _session.DeployPipelineJsonAsync(legacy, Pipeline("any", "Telepathy", """ "URL": 42 """));

        Assert.Equal(1, outcome.Version);
    }

    [Fact]
    public async Task A_bad_instance_key_for_an_offline_node_is_refused_naming_the_key_and_value()
    {
        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => _session.DeployPipelineJsonAsync(GoneNode,
            """{"NAME":"alerts","TYPE":"Void","PLUGINS":[{"SIGNATURE":"SENSOR_THRESHOLD_01","INSTANCES":[{"INSTANCE_ID":"t1","VALUE_KEY":""}]}]}"""));

        Assert.Equal(("PLUGINS[0].INSTANCES[0].VALUE_KEY", "\"\"", "must not be empty"), (error.Field, error.Value, error.Errors[0].Reason));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => _session.GetPipelineAsync(GoneNode, "alerts"));
    }

    [Fact]
    public async Task A_node_registered_without_plugin_rules_gets_its_instance_keys_checked_only_when_it_runs_them()
    {
        const string legacy = "edge-legacy-plugins";
        await _session.Client.GetNode(legacy).RegisterAsync(new NodeRegistration(
            legacy, legacy, ImmutableDictionary<string, string>.Empty, ["SENSOR_THRESHOLD_01"], "0.9", "old-host", "silo-of-an-older-build", DateTimeOffset.UtcNow));

        var outcome = await _session.DeployPipelineJsonAsync(legacy,
            """{"NAME":"alerts","TYPE":"Void","PLUGINS":[{"SIGNATURE":"SENSOR_THRESHOLD_01","INSTANCES":[{"INSTANCE_ID":"t1","VALUE_KEY":""}]}]}""");

        Assert.Equal(1, outcome.Version);
    }

    private static string Pipeline(string name, string type, string captureKeys) =>
        $$"""{"NAME":"{{name}}","TYPE":"{{type}}",{{captureKeys}},"PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""";
}
