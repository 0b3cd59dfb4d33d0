using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary><c>--all</c> acts on every pipeline of a node, so these tests get a node of their own.</summary>
public sealed class WholeNodeCommandTests : IAsyncLifetime
{
    private const string Node = "edge-all";
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(Node);

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    [Fact]
    public async Task Archive_all_then_delete_all_empty_the_node()
    {
        foreach (var name in new[] { "a", "b" })
        {
            var deploy = await R1ctl.RunWithStdinAsync(_silo.GatewayPort, PipelineDocuments.Sensor(name), "deploy", Node, "-");
            Assert.True(deploy.ExitCode == 0, deploy.ToString());
        }

        var archive = await R1ctl.RunAsync(_silo.GatewayPort, "archive", Node, "--all");
        var live = await R1ctl.RunAsync(_silo.GatewayPort, "pipelines", Node);
        var delete = await R1ctl.RunAsync(_silo.GatewayPort, "delete", Node, "--all");
        var all = await R1ctl.RunAsync(_silo.GatewayPort, "pipelines", Node, "--all");

        Assert.True(archive.ExitCode == 0, archive.ToString());
        Assert.Equal(2, archive.Stdout.Split('\n').Count(l => l.EndsWith("(archived)")));
        Assert.Equal($"no live pipelines on {Node}", live.Stdout.Trim());
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal($"deleted 2 pipelines on {Node}: a, b", delete.Stdout.Trim());
        Assert.Equal($"no pipelines on {Node}", all.Stdout.Trim());
    }
}
