using System.Diagnostics;
using System.Net;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>The standalone dashboard host, a process of its own connected to a silo as a client, serves the same API.</summary>
public sealed class DashboardHostTests(ApiSilo fixture) : IClassFixture<ApiSilo>
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_standalone_host_lists_the_silos_node_and_deploys_through_the_same_api()
    {
        var port = FreePorts.Next();
        using var host = Start("--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new ApiHttp(new Uri($"http://127.0.0.1:{port}"));
            var nodes = await FirstAnswerAsync(http, "/api/nodes", host);
            var name = ApiSilo.UniqueName("host");

            var deployed = await http.PostAsync($"/api/nodes/{fixture.Node}/pipelines",
                $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"PROBE_01","INSTANCES":[{"INSTANCE_ID":"p1"}]}]}""");
            var missing = await http.GetAsync($"/api/nodes/{fixture.Node}/pipelines/nosuchpipeline");
            var me = await http.GetAsync("/api/me");

            Assert.Contains(nodes.Body.EnumerateArray(), n => n.GetProperty("info").GetProperty("nodeId").GetString() == fixture.Node);
            Assert.True(deployed.Status == HttpStatusCode.OK, deployed.Text);
            Assert.Equal((HttpStatusCode.NotFound, "PipelineNotFound"), (missing.Status, missing.Str("error")));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, me.Body.GetProperty("node").ValueKind);
            await using var session = await fixture.Silo.ConnectAsync();
            Assert.Equal(1, (await session.GetPipelineAsync(fixture.Node, name)).Version);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task The_standalone_host_serves_the_orleans_dashboard_with_the_clusters_grains()
    {
        var port = FreePorts.Next();
        using var host = Start("--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}", "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new ApiHttp(new Uri($"http://127.0.0.1:{port}"));
            await FirstAnswerAsync(http, "/api/nodes", host);

            var counters = await http.GetAsync("/orleans/DashboardCounters");

            Assert.True(counters.Status == HttpStatusCode.OK, counters.Text);
            Assert.Contains("NodeGrain", counters.Text);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_a_token_is_refused_at_start()
    {
        var result = await DotnetProgram.RunAsync("Ratio1.Orleans.Dashboard.Host.dll", StartLimit,
            "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}", "--urls", $"http://0.0.0.0:{FreePorts.Next()}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("without a token", result.Stderr);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ratio1.Orleans.Dashboard.Host.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The host connects to the cluster on its first request; until it listens, connections are refused.
    private static async Task<ApiAnswer> FirstAnswerAsync(ApiHttp http, string path, Process host)
    {
        var deadline = DateTimeOffset.UtcNow + StartLimit;
        while (true)
        {
            Assert.False(host.HasExited, $"the dashboard host exited with code {(host.HasExited ? host.ExitCode : 0)}");
            try
            {
                var answer = await http.GetAsync(path);
                if (answer.Status == HttpStatusCode.OK || DateTimeOffset.UtcNow > deadline)
                {
                    Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
                    return answer;
                }
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
            }

            await Task.Delay(200);
        }
    }
}
