using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>
/// A pipeline's capture keys are checked at deploy against the rules its source declares, the same rules the source
/// starts with: a bad key is refused naming it and its value, and nothing is stored.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class CaptureKeyValidationTests(SiloFixture fixture) : IDisposable
{
    private const string Node = SiloFixture.NodeId;
    private readonly ScratchFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_bad_capture_key_in_an_update_is_refused_naming_the_key_and_value_and_the_version_stays()
    {
        var name = SiloFixture.UniqueName("rows");
        await DeployRowsAsync(name, "StructuredFile");
        var before = await fixture.Session.GetPipelineAsync(Node, name);

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.UpdatePipelineAsync(Node, name, ConfigMap.Parse("""{"REPLAY": "yes"}""")));

        Assert.Equal(("REPLAY", "\"yes\"", "expected a boolean but found a string"), (error.Field, error.Value, error.Errors[0].Reason));
        var after = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal((before.Version, before.Config), (after.Version, after.Config));
    }

    [Fact]
    public async Task Every_bad_capture_key_of_a_deploy_is_named_at_once()
    {
        var name = SiloFixture.UniqueName("video");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.DeployPipelineJsonAsync(Node,
            $$"""{"NAME":"{{name}}","TYPE":"VideoFile","RESIZE_WIDTH":"wide","RESIZE_HEIGHT":0,"PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}"""));

        Assert.Equal([("RESIZE_HEIGHT", "0"), ("RESIZE_WIDTH", "\"wide\""), ("URL", null)], error.Errors.Select(e => (e.Field, e.Value)).Order());
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, name));
    }

    [Fact]
    public async Task A_capture_TYPE_is_matched_ignoring_case_as_the_node_resolves_it()
    {
        var name = SiloFixture.UniqueName("rows");

        var outcome = await DeployRowsAsync(name, "structuredFILE");

        Assert.Equal(1, outcome.Version);
        Assert.Equal("structuredFILE", (await fixture.Session.GetPipelineAsync(Node, name)).Config.Type);
    }

    // A StructuredFile pipeline (TYPE spelled as given) replaying a two-row CSV; stored without waiting for the node.
    private Task<DeployOutcome> DeployRowsAsync(string name, string type) =>
        fixture.Session.DeployPipelineJsonAsync(Node, $$"""
            {"NAME":"{{name}}","TYPE":"{{type}}","URL":{{System.Text.Json.JsonSerializer.Serialize(_files.Write($"{name}.csv", "site,temperature\nnorth,1\n"))}},"CAP_RESOLUTION":5,
             "PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}
            """);
}
