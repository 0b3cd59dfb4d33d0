using System.Net;
using System.Net.Sockets;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// A pipeline's <c>URL</c> reaches only files under the node's capture roots and network hosts it allows: anything
/// else is refused at deploy, naming the value and what is allowed, and nothing is stored.
/// </summary>
[Collection(RootsSiloCollection.Name)]
public sealed class RootsCaptureTests(RootsSiloFixture fixture)
{
    [Theory]
    [InlineData("StructuredFile", "/etc/passwd")]
    [InlineData("StructuredFile", "/etc/shadow")]
    [InlineData("VideoFile", "/proc/self/environ")]
    [InlineData("ImageFolder", "/etc")]
    [InlineData("VideoStream", "/etc/passwd")]
    public async Task A_file_url_outside_the_capture_roots_is_refused_at_deploy_naming_them(string type, string url)
    {
        var name = UniqueName();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.DeployPipelineJsonAsync(RootsSiloFixture.NodeId, Pipeline(name, type, url)));

        Assert.Equal(("URL", $"\"{url}\""), (error.Field, error.Value));
        Assert.Equal($"is not under the node's capture roots (Node:CaptureRoots): {fixture.Media}", error.Errors[0].Reason);
        Assert.DoesNotContain(await fixture.Session.GetPipelinesAsync(RootsSiloFixture.NodeId, includeArchived: true), p => p.Name == name);
    }

    [Fact]
    public async Task The_refusal_is_the_same_whether_the_file_exists_or_not()
    {
        var existing = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(RootsSiloFixture.NodeId, Pipeline(UniqueName(), "StructuredFile", "/etc/passwd")));
        var missing = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(RootsSiloFixture.NodeId, Pipeline(UniqueName(), "StructuredFile", "/etc/no-such-file")));

        Assert.Equal(existing.Errors[0].Reason, missing.Errors[0].Reason);
    }

    [Fact]
    public async Task A_dot_dot_path_out_of_a_capture_root_is_refused()
    {
        var escape = fixture.Media + "/../../../../etc/passwd";

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(RootsSiloFixture.NodeId, Pipeline(UniqueName(), "StructuredFile", escape)));

        Assert.Contains(fixture.Media, error.Errors[0].Reason);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/")]
    [InlineData("http://example.com\\@127.0.0.1/")]
    public async Task A_url_with_another_scheme_or_an_ambiguous_form_is_refused(string url)
    {
        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(RootsSiloFixture.NodeId, Pipeline(UniqueName(), "VideoStream", url)));

        Assert.Equal("URL", error.Field);
        Assert.Contains("Node:CaptureHosts", error.Errors[0].Reason);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/internal-admin?token=x")]
    [InlineData("http://localhost:{0}/internal-admin?token=x")]
    [InlineData("rtsp://[::1]:{0}/live")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task A_stream_url_to_a_loopback_or_link_local_server_is_refused_and_the_server_sees_no_request(string template)
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ((IPEndPoint)server.LocalEndpoint).Port);

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(RootsSiloFixture.NodeId, Pipeline(UniqueName(), "VideoStream", url)));
        await Task.Delay(500);

        Assert.Equal("URL", error.Field);
        Assert.Contains("Node:CaptureHosts: (none)", error.Errors[0].Reason);
        Assert.False(server.Pending(), "the loopback server was contacted");
    }

    private static string UniqueName() => $"reach-{Guid.NewGuid():N}"[..16];

    private static string Pipeline(string name, string type, string url) =>
        $$"""{"NAME":"{{name}}","TYPE":"{{type}}","URL":{{System.Text.Json.JsonSerializer.Serialize(url)}},"PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""";
}

/// <summary>A node that lists a loopback address may capture from it; the check is then the node's own, at open.</summary>
public sealed class RootsAllowedHostTests
{
    [Fact]
    public async Task A_listed_loopback_address_is_allowed()
    {
        await using var silo = await TestSilo.StartAsync("edge-loopback-ok", extraArgs: ["--capture-hosts", "127.0.0.1"]);
        await using var session = await silo.ConnectAsync();

        var outcome = await session.DeployPipelineJsonAsync(silo.NodeId,
            """{"NAME":"cam","TYPE":"VideoStream","URL":"http://127.0.0.1:9/live.ts","RECONNECTABLE":"NO","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");

        Assert.Equal(1, outcome.Version);
    }
}
