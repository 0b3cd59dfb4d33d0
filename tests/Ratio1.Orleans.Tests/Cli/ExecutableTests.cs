using System.Diagnostics;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>The built r1ctl as a separate process: what a shell sees.</summary>
[Collection(SiloCollection.Name)]
public sealed class ExecutableTests(SiloFixture fixture)
{
    [Fact]
    public async Task The_executable_lists_nodes_and_reports_usage_errors_with_exit_2()
    {
        var nodes = await RunProcessAsync("nodes", "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}");
        var usage = await RunProcessAsync("deploy", SiloFixture.NodeId);

        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.StartsWith("NODE ", nodes.Stdout);
        Assert.Contains(nodes.Stdout.Split('\n'), l => l.StartsWith(SiloFixture.NodeId + " ") && l.Contains(" ONLINE "));
        Assert.True(usage.ExitCode == 2, usage.ToString());
        Assert.StartsWith("error: ", usage.Stderr);
        Assert.Empty(usage.Stdout);
    }

    private static async Task<CliResult> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // r1ctl's own build output, copied there by the test project (see CopyR1ctlOutput in the .csproj).
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "r1ctl-app", "r1ctl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
