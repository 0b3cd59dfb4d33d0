using System.Text.Json;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class JsonOutputTests(SiloFixture fixture)
{
    [Fact]
    public async Task Every_read_command_writes_parseable_json_with_json()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunWithStdinAsync(fixture, PipelineDocuments.Sensor(name), "deploy", SiloFixture.NodeId, "-");
        string[][] commands =
        [
            ["nodes"],
            ["node", SiloFixture.NodeId],
            ["wait", SiloFixture.NodeId],
            ["pipelines", SiloFixture.NodeId, "--all"],
            ["get", SiloFixture.NodeId, name],
            ["history", SiloFixture.NodeId, name],
            ["instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1"],
        ];

        foreach (var command in commands)
        {
            var result = await R1ctl.RunAsync(fixture, [.. command, "--json"]);

            Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}: {result}");
            var exception = Record.Exception(() => result.StdoutJson());
            Assert.True(exception is null, $"{string.Join(' ', command)} did not write JSON: {exception?.Message}\n{result.Stdout}");
        }
    }

    [Fact]
    public async Task Deploy_with_json_writes_the_outcome_with_camel_case_names_and_string_enums()
    {
        var name = SiloFixture.UniqueName();

        var result = await R1ctl.RunWithStdinAsync(fixture, PipelineDocuments.Sensor(name), "deploy", SiloFixture.NodeId, "-", "--json");
        var json = result.StdoutJson();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(name, json.GetProperty("pipeline").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("Create", json.GetProperty("action").GetString());
        Assert.Equal("Created", json.GetProperty("instances")[0].GetProperty("change").GetString());
    }

    [Fact]
    public async Task Get_with_json_writes_the_full_snapshot()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunWithStdinAsync(fixture, PipelineDocuments.Sensor(name), "deploy", SiloFixture.NodeId, "-");

        var json = (await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, name, "--json")).StdoutJson();

        Assert.Equal(name, json.GetProperty("config").GetProperty("NAME").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("cli-test", json.GetProperty("createdBy").GetString());
        Assert.Equal("Create", json.GetProperty("revision").GetProperty("action").GetString());
        Assert.Equal("t1", json.GetProperty("instanceVersions")[0].GetProperty("instanceId").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("createdAt").ValueKind);
    }

    [Fact]
    public async Task A_failure_with_json_writes_an_error_object_on_stderr()
    {
        var result = await R1ctl.RunWithStdinAsync(fixture, """{"TYPE": "Void", "PLUGINS": []}""", "deploy", SiloFixture.NodeId, "-", "--json");
        var error = result.StderrJson();

        Assert.Equal(5, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Equal("invalid-config", error.GetProperty("error").GetString());
        Assert.Equal("NAME", error.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
    }

    [Fact]
    public async Task A_usage_error_with_json_writes_an_error_object_on_stderr()
    {
        var result = await R1ctl.RunAsync(fixture, "get", SiloFixture.NodeId, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("usage", result.StderrJson().GetProperty("error").GetString());
    }
}
