using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Startup;

/// <summary>The built silo program run to its end: its true exit code, stdout and stderr, as a service manager sees them.</summary>
public static class SiloProgram
{
    /// <summary>Runs <c>Ratio1.Orleans.Silo.dll</c> with <paramref name="args"/> until it exits (a silo that started instead of failing is killed after a minute).</summary>
    public static Task<CliResult> RunAsync(params string[] args) => DotnetProgram.RunAsync("Ratio1.Orleans.Silo.dll", TimeSpan.FromSeconds(60), args);
}
