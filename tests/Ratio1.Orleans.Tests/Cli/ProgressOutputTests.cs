using Ratio1.Orleans.Cli;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>Long operations show a progress line on a terminal's stderr, and nothing when it is redirected or with <c>--json</c>.</summary>
[Collection(SiloCollection.Name)]
public sealed class ProgressOutputTests(SiloFixture fixture)
{
    private const string Erase = "\r\u001b[2K";

    [Fact]
    public async Task A_progress_line_redraws_its_text_with_a_spinner_and_erases_itself_at_the_end()
    {
        var stderr = new StringWriter();

        await using (ProgressLine.Start(stderr, enabled: true, "warming up", delay: TimeSpan.Zero))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400));
        }

        var written = stderr.ToString();
        Assert.StartsWith($"{Erase}| warming up (0 s)", written, StringComparison.Ordinal);
        Assert.EndsWith(Erase, written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_progress_line_writes_nothing()
    {
        var stderr = new StringWriter();

        await using (ProgressLine.Start(stderr, enabled: false, "warming up", delay: TimeSpan.Zero))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        Assert.Equal(string.Empty, stderr.ToString());
    }

    [Fact]
    public async Task Wait_on_a_terminal_shows_its_progress_and_with_json_does_not()
    {
        var terminal = await WaitForMissingNodeAsync();
        var json = await WaitForMissingNodeAsync("--json");

        Assert.Equal(7, terminal.ExitCode);
        Assert.Contains($"{Erase}| waiting for node 'never-online' to be online (", terminal.Stderr, StringComparison.Ordinal);
        // Erased before the error is written: the error line stands alone.
        Assert.Contains($"{Erase}error: ", terminal.Stderr, StringComparison.Ordinal);
        Assert.Equal(7, json.ExitCode);
        Assert.DoesNotContain(Erase, json.Stderr, StringComparison.Ordinal);
    }

    private async Task<CliResult> WaitForMissingNodeAsync(params string[] extra)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["wait", "never-online", "--timeout", "2", "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}", .. extra];
        var exitCode = await CliApplication.RunAsync(args, new StringReader(string.Empty), stdout, stderr, showProgress: true, timeout.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
