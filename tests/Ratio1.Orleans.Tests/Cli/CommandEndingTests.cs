using System.Diagnostics;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>
/// The real r1ctl process ends promptly when told to (SIGTERM, SIGINT) or when nobody reads its output any more (a
/// closed pipe): a watch whose reader had gone once ignored SIGTERM for 13 minutes.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class CommandEndingTests(SiloFixture fixture) : IAsyncLifetime
{
    // Generous: the bound is "promptly", not a number of milliseconds on a busy machine.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private readonly EchoPipelines _pipelines = new(fixture.Session, SiloFixture.NodeId);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipelines.DisposeAsync().AsTask();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_watch_ends_with_exit_0_on_the_signal(string signal)
    {
        var name = await _pipelines.DeployTickingAsync();
        using var watch = Start("watch", SiloFixture.NodeId, name);
        await FirstLineAsync(watch);
        var rest = watch.StandardOutput.ReadToEndAsync();

        await SignalAsync(watch, signal);

        Assert.True(await EndsAsync(watch), $"still running {Prompt.TotalSeconds} s after SIG{signal}");
        await rest;
        Assert.True(watch.ExitCode == 0, $"exit {watch.ExitCode}: {await watch.StandardError.ReadToEndAsync()}");
    }

    [Fact]
    public async Task A_watch_whose_output_reader_goes_ends_quietly_with_exit_141()
    {
        var name = await _pipelines.DeployTickingAsync();
        using var watch = Start("watch", SiloFixture.NodeId, name);
        var errors = watch.StandardError.ReadToEndAsync();
        await FirstLineAsync(watch);

        // The read end of its stdout pipe closes, as when `r1ctl watch ... | head -1` has its line; payloads keep coming.
        watch.StandardOutput.Close();

        Assert.True(await EndsAsync(watch), $"still running {Prompt.TotalSeconds} s after its output's reader went");
        Assert.True(watch.ExitCode == 141, $"exit {watch.ExitCode}: {await errors}");
        Assert.Equal(string.Empty, await errors);
    }

    [Fact]
    public async Task A_command_cancelled_by_SIGTERM_exits_143()
    {
        using var wait = Start("wait", "node-that-never-comes", "--timeout", "300");
        var errors = wait.StandardError.ReadToEndAsync();
        // Connected and waiting: the node's (missing) registration is polled from here on.
        await Task.Delay(TimeSpan.FromSeconds(3));

        await SignalAsync(wait, "TERM");

        Assert.True(await EndsAsync(wait), $"still running {Prompt.TotalSeconds} s after SIGTERM");
        Assert.True(wait.ExitCode == 143, $"exit {wait.ExitCode}: {await errors}");
    }

    private Process Start(params string[] args)
    {
        // Through env, which resets SIGINT and SIGTERM to their defaults: a test run started in the background of a
        // script would otherwise hand r1ctl an ignored SIGINT, which no program can then catch.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "r1ctl-app", "r1ctl.dll"));
        foreach (var arg in (string[])[.. args, "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}", "--as", "cli-test"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task FirstLineAsync(Process watch)
    {
        var line = await watch.StandardOutput.ReadLineAsync().WaitAsync(StartPatience);
        Assert.True(line is not null, $"the watch printed nothing: exit {(watch.HasExited ? watch.ExitCode : -1)}: {(watch.HasExited ? await watch.StandardError.ReadToEndAsync() : string.Empty)}");
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<bool> EndsAsync(Process process)
    {
        using var prompt = new CancellationTokenSource(Prompt);
        try
        {
            await process.WaitForExitAsync(prompt.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }
}
