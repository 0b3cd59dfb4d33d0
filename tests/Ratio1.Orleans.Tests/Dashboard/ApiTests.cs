using System.Net;
using System.Text.Json;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>The dashboard's JSON API on a real silo, as a script calls it: reads, actions and their typed errors.</summary>
public sealed class ApiTests(ApiSilo fixture) : IClassFixture<ApiSilo>
{
    private string Node => fixture.Node;

    private static string Document(string name, string instanceSettings = "") =>
        $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"PROBE_01","INSTANCES":[{"INSTANCE_ID":"p1"{{instanceSettings}}}]}]}""";

    private async Task<string> DeployAsync(ApiHttp http, string? instanceSettings = null)
    {
        var name = ApiSilo.UniqueName();
        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines", Document(name, instanceSettings ?? ""));
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        return name;
    }

    [Fact]
    public async Task The_node_list_shows_the_silo_node_with_its_info()
    {
        using var http = fixture.Http();

        var answer = await http.GetAsync("/api/nodes");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains(answer.Body.EnumerateArray(), n => n.GetProperty("info").GetProperty("nodeId").GetString() == Node);
    }

    [Fact]
    public async Task A_good_config_deploys_and_the_pipeline_is_listed_with_its_config()
    {
        using var http = fixture.Http();
        var name = ApiSilo.UniqueName();

        var deployed = await http.PostAsync($"/api/nodes/{Node}/pipelines", Document(name));
        var listed = await http.GetAsync($"/api/nodes/{Node}/pipelines");
        var read = await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}");

        Assert.Equal((HttpStatusCode.OK, 1), (deployed.Status, deployed.Body.GetProperty("version").GetInt32()));
        Assert.Contains(listed.Body.EnumerateArray(), p => p.GetProperty("name").GetString() == name);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Contains($"\"NAME\": \"{name}\"", read.Str("configJson"));
        Assert.Equal(1, read.Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_bad_config_is_a_400_naming_the_field_and_value_and_changes_nothing()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines", Document(name, ",\"PROCESS_DELAY\":[1]"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("InvalidConfig", answer.Str("error"));
        Assert.Equal(("PLUGINS[0].INSTANCES[0].PROCESS_DELAY", "[1]"), (answer.Str("field"), answer.Str("value")));
        Assert.Contains(answer.Body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "PLUGINS[0].INSTANCES[0].PROCESS_DELAY");
        var read = await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}");
        Assert.Equal(1, read.Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_and_creates_nothing()
    {
        using var http = fixture.Http();
        var name = ApiSilo.UniqueName();

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines", "{\"NAME\": \"" + name + "\", \"TYPE\": \"Void\",");

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidConfig"), (answer.Status, answer.Str("error")));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}")).Status);
    }

    [Fact]
    public async Task An_unknown_pipeline_is_a_404_with_the_clients_message()
    {
        using var http = fixture.Http();

        var answer = await http.GetAsync($"/api/nodes/{Node}/pipelines/nosuchpipeline");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("PipelineNotFound", answer.Str("error"));
        Assert.Equal($"Node '{Node}' has no pipeline 'nosuchpipeline'.", answer.Str("message"));
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_a_409_and_changes_nothing()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);
        await http.PostAsync($"/api/nodes/{Node}/pipelines", Document(name, ",\"PROCESS_DELAY\":0.5"));

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines/{name}/archive", """{"expectedVersion":1}""");

        Assert.Equal((HttpStatusCode.Conflict, "ConfigConflict"), (answer.Status, answer.Str("error")));
        var read = await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}");
        Assert.Equal((2, false), (read.Body.GetProperty("version").GetInt32(), read.Body.GetProperty("archived").GetBoolean()));
    }

    [Fact]
    public async Task A_rollback_makes_an_old_config_current_as_a_new_version()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);
        await http.PostAsync($"/api/nodes/{Node}/pipelines", Document(name, ",\"PROCESS_DELAY\":0.5"));

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines/{name}/rollback", """{"version":1}""");
        var history = await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}/history");

        Assert.Equal((HttpStatusCode.OK, 3), (answer.Status, answer.Body.GetProperty("version").GetInt32()));
        Assert.Equal([3, 2, 1], history.Body.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
        var current = await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}");
        Assert.DoesNotContain("PROCESS_DELAY", current.Str("configJson"));
    }

    [Fact]
    public async Task Pausing_an_instance_sets_forced_pause_and_resuming_clears_it()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);
        var path = $"/api/nodes/{Node}/pipelines/{name}/instances/PROBE_01/p1";

        var paused = await http.PostAsync($"{path}/pause", """{"paused":true}""");
        var whilePaused = await http.GetAsync(path);
        var resumed = await http.PostAsync($"{path}/pause", """{"paused":false,"expectedVersion":2}""");

        Assert.Equal((HttpStatusCode.OK, 2), (paused.Status, paused.Body.GetProperty("version").GetInt32()));
        Assert.True(whilePaused.Body.GetProperty("config").GetProperty("settings").GetProperty("FORCED_PAUSE").GetBoolean());
        Assert.Equal((HttpStatusCode.OK, 3), (resumed.Status, resumed.Body.GetProperty("version").GetInt32()));
        await using var session = await fixture.Silo.ConnectAsync();
        Assert.False((await session.GetInstanceAsync(Node, name, "PROBE_01", "p1")).Config.ForcedPause);
    }

    [Fact]
    public async Task An_instance_command_returns_the_nodes_confirmation()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines/{name}/instances/PROBE_01/p1/command", """{"command":"RECALIBRATE","parameters":{"LEVEL":3}}""");

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Equal("PluginInstanceCommandOk", answer.Str("code"));
        Assert.Equal(name, answer.Body.GetProperty("envelope").GetProperty("pipeline").GetString());
    }

    [Fact]
    public async Task A_command_the_instance_fails_is_reported_with_its_message()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines/{name}/instances/PROBE_01/p1/command", """{"command":"FAIL"}""");

        Assert.Equal((HttpStatusCode.BadGateway, "CommandFailed"), (answer.Status, answer.Str("error")));
        Assert.Contains("command failed on purpose", answer.Str("message"));
    }

    [Fact]
    public async Task Deleting_a_pipeline_answers_its_last_version_and_it_is_gone()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);

        var answer = await http.DeleteAsync($"/api/nodes/{Node}/pipelines/{name}?expectedVersion=1");

        Assert.Equal((HttpStatusCode.OK, 1), (answer.Status, answer.Body.GetProperty("deleted").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/nodes/{Node}/pipelines/{name}")).Status);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_kind_is_a_400_naming_it()
    {
        using var http = fixture.Http();

        var answer = await http.GetAsync($"/api/nodes/{Node}/pipelines/any/history?limit=many");

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidInput"), (answer.Status, answer.Str("error")));
        Assert.Equal(("limit", "\"many\""), (answer.Str("field"), answer.Str("value")));
    }

    [Fact]
    public async Task A_rollback_without_a_version_is_a_400_naming_the_field()
    {
        using var http = fixture.Http();
        var name = await DeployAsync(http);

        var answer = await http.PostAsync($"/api/nodes/{Node}/pipelines/{name}/rollback", "{}");

        Assert.Equal((HttpStatusCode.BadRequest, "version"), (answer.Status, answer.Str("field")));
    }

    [Fact]
    public async Task An_unknown_node_is_a_404()
    {
        using var http = fixture.Http();

        var answer = await http.GetAsync("/api/nodes/no-such-node");

        Assert.Equal((HttpStatusCode.NotFound, "NodeNotFound"), (answer.Status, answer.Str("error")));
    }

    [Fact]
    public async Task The_node_view_has_its_info_models_and_recent_heartbeats()
    {
        using var http = fixture.Http();

        var answer = await http.GetAsync($"/api/nodes/{Node}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(Node, answer.Body.GetProperty("info").GetProperty("nodeId").GetString());
        Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("recent").ValueKind);
        Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("models").ValueKind);
        Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("activity").ValueKind);
    }

    [Fact]
    public async Task Me_says_the_dashboard_acts_unsigned_without_security_in_its_silo()
    {
        using var http = fixture.Http();

        var answer = await http.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.Null, answer.Body.GetProperty("user").ValueKind);
        Assert.False(answer.Body.GetProperty("security").GetBoolean());
        Assert.Equal(Node, answer.Str("node"));
    }
}
