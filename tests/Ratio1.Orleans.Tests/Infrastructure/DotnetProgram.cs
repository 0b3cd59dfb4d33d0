using System.Diagnostics;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Infrastructure;

/// <summary>A built program of the solution run as its own process until it exits: its true exit code, stdout and stderr, as a shell sees them.</summary>
public static class DotnetProgram
{
    /// <summary>Runs <paramref name="dll"/> (a path under the test output) with <paramref name="args"/>; a program still running after <paramref name="timeout"/> is killed.</summary>
    public static async Task<CliResult> RunAsync(string dll, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

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
