using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class NodeCommandTests(SiloFixture fixture)
{
    [Fact]
    public async Task Nodes_lists_the_node_as_online()
    {
        var result = await R1ctl.RunAsync(fixture, "nodes");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^NODE\s+ALIAS\s+STATUS\s+LAST-SEEN\s+PIPELINES\s+VERSION\r?\n", result.Stdout);
        Assert.Contains(result.Stdout.Split('\n'), l => l.StartsWith(SiloFixture.NodeId + " ") && l.Contains(" ONLINE "));
    }

    [Fact]
    public async Task Node_shows_its_details()
    {
        var result = await R1ctl.RunAsync(fixture, "node", SiloFixture.NodeId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"(?m)^node:\s+{SiloFixture.NodeId}\r?$", result.Stdout);
        Assert.Matches(@"(?m)^status:\s+ONLINE\r?$", result.Stdout);
    }

    [Fact]
    public async Task Node_that_never_registered_exits_3()
    {
        var result = await R1ctl.RunAsync(fixture, "node", "no-such-node");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("no-such-node", result.Stderr);
    }

    [Fact]
    public async Task Wait_returns_at_once_for_an_online_node()
    {
        var result = await R1ctl.RunAsync(fixture, "wait", SiloFixture.NodeId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"node '{SiloFixture.NodeId}' is online", result.Stdout);
    }

    [Fact]
    public async Task Wait_for_a_node_that_never_comes_exits_7()
    {
        var result = await R1ctl.RunAsync(fixture, "wait", "no-such-node", "--timeout", "0.5");

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
    }

    [Fact]
    public async Task Instance_shows_config_versions_and_status()
    {
        var name = SiloFixture.UniqueName();
        await fixture.Session.DeployPipelineJsonAsync(SiloFixture.NodeId, PipelineDocuments.Sensor(name, processDelay: 3));

        var result = await R1ctl.RunAsync(fixture, "instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^version:\s+1\r?$", result.Stdout);
        Assert.Matches(@"(?m)^pipeline version:\s+1\r?$", result.Stdout);
        Assert.Matches(@"(?m)^status:\s+\S", result.Stdout);
        Assert.Contains("\"PROCESS_DELAY\": 3", result.Stdout);
    }

    [Fact]
    public async Task Instance_that_does_not_exist_exits_3()
    {
        var name = SiloFixture.UniqueName();
        await fixture.Session.DeployPipelineJsonAsync(SiloFixture.NodeId, PipelineDocuments.Sensor(name));

        var result = await R1ctl.RunAsync(fixture, "instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "nope");

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Fact]
    public async Task An_unreachable_gateway_exits_6()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await Ratio1.Orleans.Cli.CliApplication.RunAsync(
            ["nodes", "--gateway", $"127.0.0.1:{Ratio1.Orleans.Testing.FreePorts.Next()}", "--connect-timeout", "1"],
            TextReader.Null, stdout, stderr, CancellationToken.None);

        Assert.True(exitCode == 6, stderr.ToString());
        Assert.StartsWith("error: Could not connect", stderr.ToString());
    }
}
