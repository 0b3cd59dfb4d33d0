using System.Text.Json;
using Ratio1.Orleans.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>What one r1ctl run produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement StdoutJson() => JsonDocument.Parse(Stdout).RootElement.Clone();

    /// <summary>The JSON error object, which is the last line of stderr.</summary>
    public JsonElement StderrJson() => JsonDocument.Parse(Stderr.TrimEnd().Split('\n')[^1]).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}

/// <summary>Runs r1ctl in-process against the fixture's silo, as a user would from a shell.</summary>
public static class R1ctl
{
    public static Task<CliResult> RunAsync(SiloFixture fixture, params string[] args) => RunWithStdinAsync(fixture.Silo.GatewayPort, string.Empty, args);

    public static Task<CliResult> RunAsync(int gatewayPort, params string[] args) => RunWithStdinAsync(gatewayPort, string.Empty, args);

    public static Task<CliResult> RunWithStdinAsync(SiloFixture fixture, string stdin, params string[] args) => RunWithStdinAsync(fixture.Silo.GatewayPort, stdin, args);

    public static async Task<CliResult> RunWithStdinAsync(int gatewayPort, string stdin, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await RunLiveAsync(gatewayPort, new StringWriter(), stdin, timeout.Token, args);
    }

    /// <summary>
    /// Runs a command that keeps running (<c>watch</c>) until <paramref name="stop"/> is cancelled, as Ctrl+C does;
    /// the test follows its output in <paramref name="stdout"/> meanwhile.
    /// </summary>
    public static Task<CliResult> RunLiveAsync(int gatewayPort, StringWriter stdout, string stdin, CancellationToken stop, params string[] args) =>
        RunLiveAsync(gatewayPort, stdout, new StringWriter(), stdin, stop, args);

    /// <summary>Like <see cref="RunLiveAsync(int, StringWriter, string, CancellationToken, string[])"/>, following stderr too (a watch's connection notices).</summary>
    public static async Task<CliResult> RunLiveAsync(int gatewayPort, StringWriter stdout, StringWriter stderr, string stdin, CancellationToken stop, params string[] args)
    {
        string[] all = [.. args, "--gateway", $"127.0.0.1:{gatewayPort}", "--as", "cli-test"];
        var exitCode = await CliApplication.RunAsync(all, new StringReader(stdin), stdout, stderr, stop);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
