using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class DeployCommandTests(SiloFixture fixture) : IDisposable
{
    private readonly ScratchFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Deploying_a_file_then_get_prints_the_deployed_pipeline()
    {
        var name = SiloFixture.UniqueName();
        var document = PipelineDocuments.Sensor(name);

        var deploy = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("p.json", document));
        var get = await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, name);

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains($"pipeline '{name}' on {SiloFixture.NodeId}: version 1 (created)", deploy.Stdout);
        Assert.Contains($"{PipelineDocuments.Signature} t1: created, version 1", deploy.Stdout);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(PipelineConfig.Parse(document), PipelineConfig.Parse(get.Stdout));
    }

    [Fact]
    public async Task The_output_of_get_redeploys_as_no_change()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("p.json", PipelineDocuments.Sensor(name)));
        var get = await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, name);

        var redeploy = await R1ctl.RunWithStdinAsync(fixture, get.Stdout, "deploy", SiloFixture.NodeId, "-");

        Assert.True(redeploy.ExitCode == 0, redeploy.ToString());
        Assert.Contains("version 1 (no change)", redeploy.Stdout);
    }

    [Fact]
    public async Task A_malformed_file_exits_5_naming_line_and_position_and_changes_nothing()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("good.json", PipelineDocuments.Sensor(name)));
        var broken = $"{{\n  \"NAME\": \"{name}\",\n  \"TYPE\": \"Void\"\n  \"PLUGINS\": []\n}}";

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("bad.json", broken));
        var after = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("malformed JSON at line 4, position 3", result.Stderr);
        Assert.Equal(1, after.Version);
        Assert.Equal(PipelineConfig.Parse(PipelineDocuments.Sensor(name)), after.Config);
    }

    [Fact]
    public async Task A_file_without_NAME_exits_5_naming_NAME_and_changes_nothing()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("good.json", PipelineDocuments.Sensor(name)));
        var nameless = PipelineDocuments.Sensor(name, processDelay: 9).Replace($"\"NAME\": \"{name}\",", string.Empty);

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("nameless.json", nameless));
        var after = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("\n  NAME: is required", result.Stderr);
        Assert.Equal(1, after.Version);
        Assert.Equal(2, after.Config.FindInstance(PipelineDocuments.Signature, "t1")!.ProcessDelay);
    }

    [Fact]
    public async Task An_unknown_capture_TYPE_exits_5_naming_TYPE_and_the_types_the_node_offers_and_creates_nothing()
    {
        var name = SiloFixture.UniqueName();
        var document = PipelineDocuments.Sensor(name).Replace("\"TYPE\": \"Void\"", "\"TYPE\": \"Telepathy\"");

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("telepathy.json", document));
        var get = await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, name);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.StartsWith("error: invalid config", result.Stderr);
        Assert.Contains($"\n  TYPE = \"Telepathy\": node '{SiloFixture.NodeId}' has no capture type 'Telepathy'; it offers Void, ImageFolder, ", result.Stderr);
        Assert.True(get.ExitCode == 3, get.ToString());
    }

    [Fact]
    public async Task A_bad_capture_key_exits_5_naming_the_key_and_value_and_changes_nothing()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("good.json", PipelineDocuments.Sensor(name)));
        var listener = PipelineDocuments.Sensor(name).Replace("\"TYPE\": \"Void\"", "\"TYPE\": \"NetworkListener\", \"PATH_FILTER\": [\"edge-01\", 7, null, null]");

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("listener.json", listener));
        var after = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("\n  PATH_FILTER[1] = 7: expected a string, a list or null but found an integer", result.Stderr);
        Assert.Equal((1, "Void"), (after.Version, after.Config.Type));
    }

    [Fact]
    public async Task An_unreadable_file_is_a_usage_error()
    {
        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.PathOf("missing.json"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cannot read", result.Stderr);
    }

    [Fact]
    public async Task Get_on_an_unknown_node_exits_3()
    {
        var result = await R1ctl.RunAsync(fixture, "get", "no-such-node", SiloFixture.UniqueName());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Get_with_version_prints_that_version()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("v1.json", PipelineDocuments.Sensor(name, processDelay: 2)));
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("v2.json", PipelineDocuments.Sensor(name, processDelay: 4)));

        var result = await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, name, "--version", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, PipelineConfig.Parse(result.Stdout).FindInstance(PipelineDocuments.Signature, "t1")!.ProcessDelay);
    }
}
