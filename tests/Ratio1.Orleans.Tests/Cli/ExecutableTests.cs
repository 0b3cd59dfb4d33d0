using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>The built r1ctl as a separate process: what a shell sees.</summary>
[Collection(SiloCollection.Name)]
public sealed class ExecutableTests(SiloFixture fixture)
{
    [Fact]
    public async Task The_executable_lists_nodes_and_reports_usage_errors_with_exit_2()
    {
        var nodes = await RunProcessAsync("nodes", "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}");
        var usage = await RunProcessAsync("deploy", SiloFixture.NodeId);

        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.StartsWith("NODE ", nodes.Stdout);
        Assert.Contains(nodes.Stdout.Split('\n'), l => l.StartsWith(SiloFixture.NodeId + " ") && l.Contains(" ONLINE "));
        Assert.True(usage.ExitCode == 2, usage.ToString());
        Assert.StartsWith("error: ", usage.Stderr);
        Assert.Empty(usage.Stdout);
    }

    // r1ctl's own build output, copied there by the test project (see CopyR1ctlOutput in the .csproj).
    private static Task<CliResult> RunProcessAsync(params string[] args) => DotnetProgram.RunAsync(Path.Combine("r1ctl-app", "r1ctl.dll"), TimeSpan.FromSeconds(90), args);
}
