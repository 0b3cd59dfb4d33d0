using System.Diagnostics;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Startup;

/// <summary>The built silo as a separate process: its true exit code, stdout and stderr, as a service manager sees them.</summary>
public static class SiloProcess
{
    /// <summary>Runs <c>Ratio1.Orleans.Silo.dll</c> from the test output with <paramref name="args"/> until it exits.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ratio1.Orleans.Silo.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A silo that started instead of failing runs until stopped.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
