using System.Diagnostics;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Infrastructure;

/// <summary>A built program of the solution, or the dotnet command itself, run as its own process until it exits: its true exit code, stdout and stderr, as a shell sees them.</summary>
public static class DotnetProgram
{
    /// <summary>Runs <paramref name="dll"/> (a path under the test output) with <paramref name="args"/>; a program still running after <paramref name="timeout"/> is killed.</summary>
    public static Task<CliResult> RunAsync(string dll, TimeSpan timeout, params string[] args) =>
        RunAsync(Host, [Path.Combine(AppContext.BaseDirectory, dll), .. args], workingDirectory: null, timeout);

    /// <summary>Runs the dotnet command (<c>dotnet pack</c>, <c>dotnet build</c>, ...) in <paramref name="workingDirectory"/>, as a user would type it.</summary>
    public static Task<CliResult> RunCommandAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(Host, args, workingDirectory, timeout);

    /// <summary>Runs an executable (e.g. an installed .NET tool) with <paramref name="args"/>, able to find the runtime this test runs on.</summary>
    public static Task<CliResult> RunExecutableAsync(string path, TimeSpan timeout, params string[] args) =>
        RunAsync(path, args, workingDirectory: null, timeout);

    private static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task<CliResult> RunAsync(string program, IEnumerable<string> args, string? workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under MSBuild's variables (dotnet test); a nested dotnet command must not inherit them,
        // nor leave build servers holding this process's output pipes open.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // An apphost (an installed tool) finds the runtime through DOTNET_ROOT: the one this test runs on.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
