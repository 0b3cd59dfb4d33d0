using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class UpdateCommandTests(SiloFixture fixture) : IDisposable
{
    private readonly ScratchFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Update_replaces_pipeline_level_keys()
    {
        var name = await DeployAsync();

        var result = await R1ctl.RunAsync(fixture, "update", SiloFixture.NodeId, name, """{"CAP_RESOLUTION": 5}""");
        var after = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("version 2 (updated)", result.Stdout);
        Assert.Equal(5, after.Config.CaptureResolution);
        Assert.Equal(2, after.Config.FindInstance(PipelineDocuments.Signature, "t1")!.ProcessDelay);
    }

    [Fact]
    public async Task Update_instance_merges_the_delta_into_that_instance()
    {
        var name = await DeployAsync();

        var result = await R1ctl.RunAsync(fixture, "update-instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1", """{"PROCESS_DELAY": 7}""");
        var instance = (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name)).Config.FindInstance(PipelineDocuments.Signature, "t1")!;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{PipelineDocuments.Signature} t1: updated, version 2", result.Stdout);
        Assert.Equal(7, instance.ProcessDelay);
        Assert.Equal(0.5, instance.Settings["ALERT_RAISE_VALUE"].AsDouble());
    }

    [Fact]
    public async Task Update_instance_reads_the_delta_from_a_file()
    {
        var name = await DeployAsync();
        var delta = _files.Write("delta.json", """{"ALERT_RAISE_VALUE": 0.9}""");

        var result = await R1ctl.RunAsync(fixture, "update-instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1", "@" + delta);
        var instance = (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name)).Config.FindInstance(PipelineDocuments.Signature, "t1")!;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0.9, instance.Settings["ALERT_RAISE_VALUE"].AsDouble());
    }

    [Fact]
    public async Task Batch_update_changes_instances_across_pipelines()
    {
        var first = await DeployAsync();
        var second = await DeployAsync();
        var batch = $$$"""
            [
              {"NAME": "{{{first}}}", "SIGNATURE": "{{{PipelineDocuments.Signature}}}", "INSTANCE_ID": "t1", "INSTANCE_CONFIG": {"PROCESS_DELAY": 11}},
              {"NAME": "{{{second}}}", "SIGNATURE": "{{{PipelineDocuments.Signature}}}", "INSTANCE_ID": "t1", "INSTANCE_CONFIG": {"PROCESS_DELAY": 12}}
            ]
            """;

        var result = await R1ctl.RunAsync(fixture, "batch-update", SiloFixture.NodeId, _files.Write("batch.json", batch));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(11, (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, first)).Config.FindInstance(PipelineDocuments.Signature, "t1")!.ProcessDelay);
        Assert.Equal(12, (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, second)).Config.FindInstance(PipelineDocuments.Signature, "t1")!.ProcessDelay);
    }

    [Fact]
    public async Task Batch_update_with_a_missing_or_ill_typed_field_exits_5_naming_each_entry_and_applies_nothing()
    {
        var name = await DeployAsync();
        var batch = $$$"""
            [
              {"NAME": "{{{name}}}", "SIGNATURE": "{{{PipelineDocuments.Signature}}}", "INSTANCE_ID": "t1", "INSTANCE_CONFIG": {"PROCESS_DELAY": 11}},
              {"SIGNATURE": "{{{PipelineDocuments.Signature}}}", "INSTANCE_ID": "t1", "INSTANCE_CONFIG": {}},
              {"NAME": "{{{name}}}", "SIGNATURE": "{{{PipelineDocuments.Signature}}}", "INSTANCE_ID": 1, "INSTANCE_CONFIG": {}}
            ]
            """;

        var result = await R1ctl.RunAsync(fixture, "batch-update", SiloFixture.NodeId, _files.Write("batch.json", batch));

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("[1].NAME: is required", result.Stderr);
        Assert.Contains("[2].INSTANCE_ID = 1: expected a string", result.Stderr);
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name)).Version);
    }

    [Fact]
    public async Task A_stale_if_version_exits_4_and_changes_nothing()
    {
        var name = await DeployAsync();
        await R1ctl.RunAsync(fixture, "update", SiloFixture.NodeId, name, """{"CAP_RESOLUTION": 2}""");

        var result = await R1ctl.RunAsync(fixture, "update", SiloFixture.NodeId, name, """{"CAP_RESOLUTION": 3}""", "--if-version", "1");
        var after = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.StartsWith("error: Conflict", result.Stderr);
        Assert.Equal(2, after.Version);
        Assert.Equal(2, after.Config.CaptureResolution);
    }

    [Fact]
    public async Task A_current_if_version_applies_the_change()
    {
        var name = await DeployAsync();

        var result = await R1ctl.RunAsync(fixture, "update", SiloFixture.NodeId, name, """{"CAP_RESOLUTION": 3}""", "--if-version", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name)).Config.CaptureResolution);
    }

    [Fact]
    public async Task An_invalid_value_exits_5_naming_the_field()
    {
        var name = await DeployAsync();

        var result = await R1ctl.RunAsync(fixture, "update-instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1", """{"PROCESS_DELAY": -1}""");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("  INSTANCE_CONFIG.PROCESS_DELAY = -1: ", result.Stderr);
    }

    private async Task<string> DeployAsync()
    {
        var name = SiloFixture.UniqueName();
        await fixture.Session.DeployPipelineJsonAsync(SiloFixture.NodeId, PipelineDocuments.Sensor(name));
        return name;
    }
}
