using System.Diagnostics;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>The repository's shell scripts (<c>scripts/</c>), run with bash as a user would.</summary>
public static class Scripts
{
    public static Task<CliResult> RunAsync(string script, params string[] args) =>
        RunAsync(script, new Dictionary<string, string>(), TimeSpan.FromSeconds(60), args);

    /// <summary>Runs <paramref name="script"/> with more <paramref name="environment"/> variables, waiting at most <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryFolder.Root, "scripts", script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
