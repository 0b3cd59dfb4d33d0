using System.Text.Json;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Connection;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary><c>r1ctl watch</c> rides out a <c>kill -9</c> and restart of its silo, and says so on stderr.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class WatchReconnectTests
{
    private const string Node = "edge-reconnect";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_keeps_printing_after_the_silo_is_killed_and_restarted_and_says_on_stderr_that_it_reconnected()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (stdout, stderr, watch) = await WatchTickingAsync(silo, stop.Token, "watch", Node, "--payloads");
        await stdout.LineAsync(IsPayload, Patience);

        silo.Kill();
        await stderr.LineAsync(line => line == $"watch: connection to 127.0.0.1:{silo.GatewayPort} lost; reconnecting...", Patience);
        await silo.StartAgainAsync();
        await stderr.LineAsync(line => line.StartsWith("watch: reconnected after ") && line.EndsWith(" s; subscriptions restored"), Patience);
        var printedBefore = stdout.Count;
        await stdout.LineAfterAsync(printedBefore + 2, IsPayload, Patience);
        await stop.CancelAsync();
        var result = await watch;

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(2, stderr.Lines.Count);
        Assert.All(stdout.Lines, line => Assert.True(IsPayload(line), line));
    }

    [Fact]
    public async Task Watch_with_json_reports_the_lost_and_restored_connection_as_json_lines_on_stderr()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (stdout, stderr, watch) = await WatchTickingAsync(silo, stop.Token, "watch", Node, "ticking", "--payloads", "--json");
        await stdout.LineAsync(line => line.Contains("\"PAYLOAD\""), Patience);

        silo.Kill();
        await silo.StartAgainAsync();
        await stderr.LineAsync(line => line.Contains("\"reconnected\""), Patience);
        var printedBefore = stdout.Count;
        await stdout.LineAfterAsync(printedBefore, line => line.Contains("\"PAYLOAD\""), Patience);
        await stop.CancelAsync();
        var result = await watch;
        var notices = stderr.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Equal(["connection-lost", "reconnected"], notices.Select(n => n.GetProperty("event").GetString()));
        Assert.Equal($"127.0.0.1:{silo.GatewayPort}", notices[0].GetProperty("gateways")[0].GetString());
        Assert.True(notices[1].GetProperty("downtimeSeconds").GetDouble() > 0);
        Assert.Equal(1, notices[1].GetProperty("streamsRestored").GetInt32());
        Assert.All(stdout.Lines, line => Assert.Equal("PAYLOAD", JsonDocument.Parse(line).RootElement.GetProperty("eventType").GetString()));
    }

    [Fact]
    public async Task Watch_fails_with_exit_13_when_the_silo_is_not_back_within_the_reconnect_timeout()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var (stdout, stderr, watch) = await WatchTickingAsync(silo, stop.Token, "watch", Node, "ticking", "--reconnect-timeout", "1", "--json");
        await stdout.LineAsync(line => line.Contains("\"PAYLOAD\""), Patience);

        silo.Kill();
        var result = await watch.WaitAsync(Patience);

        Assert.True(result.ExitCode == ExitCodes.ConnectionLost, result.ToString());
        Assert.Equal("connection-lost", JsonDocument.Parse(stderr.Lines[0]).RootElement.GetProperty("event").GetString());
        Assert.Equal("connection-lost", result.StderrJson().GetProperty("error").GetString());
        Assert.Contains("--reconnect-timeout", result.StderrJson().GetProperty("message").GetString());
    }

    // A node with a ticking pipeline, watched by r1ctl until stop.
    private static async Task<(LiveOutput Stdout, LiveOutput Stderr, Task<CliResult> Watch)> WatchTickingAsync(SiloProcess silo, CancellationToken stop, params string[] args)
    {
        await using (var session = await silo.ConnectAsync())
        {
            await SessionReconnectTests.DeployTickingAsync(session);
        }

        var stdout = new LiveOutput();
        var stderr = new LiveOutput();
        return (stdout, stderr, R1ctl.RunLiveAsync(silo.GatewayPort, stdout, stderr, string.Empty, stop, args));
    }

    private static bool IsPayload(string line) => line.Contains($" PAYLOAD {Node}/ticking/ECHO_01/e1 ");
}
