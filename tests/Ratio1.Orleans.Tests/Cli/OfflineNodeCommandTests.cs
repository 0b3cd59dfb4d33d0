using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>
/// A node that registered but is not running: its silo stopped, and another silo of the same cluster (same storage)
/// still answers the client. These tests get silos of their own.
/// </summary>
public sealed class OfflineNodeCommandTests : IAsyncLifetime
{
    private const string GoneNode = "edge-gone";
    private TestSilo _gone = null!;
    private TestSilo _running = null!;

    public async Task InitializeAsync()
    {
        _gone = await TestSilo.StartAsync(GoneNode);
        await _gone.StopAsync();
        _running = await TestSilo.StartAsync("edge-running", _gone.DataDirectory);
    }

    public async Task DisposeAsync()
    {
        await _running.DisposeAsync();
        await _gone.DisposeAsync();
    }

    [Fact]
    public async Task A_command_to_a_node_that_is_not_running_exits_10()
    {
        var result = await R1ctl.RunAsync(_running.GatewayPort, "command", GoneNode, "any", "RESET");

        Assert.True(result.ExitCode == 10, result.ToString());
        Assert.Contains($"Node '{GoneNode}' is not running", result.Stderr);
    }
}
