using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// The Orleans Dashboard on a real silo's web host: its page and JSON endpoints under <c>/orleans/</c> show this
/// platform's grains; switched off (<c>--orleans-dashboard false</c>) it is neither served nor registered; exposed
/// beyond loopback it needs the web token like every other endpoint; its live log stays closed unless turned on.
/// </summary>
public sealed class OrleansDashboardTests(OrleansDashboardTests.DashboardSilo fixture) : IClassFixture<OrleansDashboardTests.DashboardSilo>
{
    private const string NodeGrainType = "Ratio1.Orleans.Grains.Nodes.NodeGrain";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Its_page_and_script_are_served_under_orleans()
    {
        using var page = await fixture.Http.GetAsync("/orleans/");
        using var script = await fixture.Http.GetAsync("/orleans/index.min.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Its_counters_list_the_node_grain_once_the_node_has_registered()
    {
        var counters = await WaitForJsonAsync(fixture.Http, "/orleans/DashboardCounters",
            json => GrainTypes(json).Contains(NodeGrainType));

        var host = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Equal("Active", host.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_call_to_one_of_our_grains_shows_in_its_method_statistics_while_the_page_is_watched()
    {
        await using var session = await fixture.Silo.ConnectAsync();
        var node = session.Client.GetNode(fixture.Silo.NodeId);

        // The profiler records calls only while someone reads the dashboard, as a browser on the page does every second.
        var top = await WaitForJsonAsync(fixture.Http, "/orleans/TopGrainMethods", json =>
        {
            node.GetStatusAsync().GetAwaiter().GetResult();
            return Calls(json).Any(IsNodeStatus);
        });

        Assert.True(Calls(top).First(IsNodeStatus).GetProperty("count").GetInt64() > 0);
    }

    private static IEnumerable<JsonElement> Calls(JsonElement top) => top.GetProperty("calls").EnumerateArray();

    private static bool IsNodeStatus(JsonElement call) =>
        call.GetProperty("grain").GetString() == NodeGrainType && call.GetProperty("method").GetString() == nameof(INodeGrain.GetStatusAsync);

    [Fact]
    public async Task Its_live_log_stream_is_refused_unless_turned_on()
    {
        using var trace = await fixture.Http.GetAsync("/orleans/Trace", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, trace.StatusCode);
    }

    [Fact]
    public async Task Switched_off_it_is_neither_served_nor_registered()
    {
        await using var silo = await TestSilo.StartAsync("edge-no-orleans-dashboard", extraArgs: ["--orleans-dashboard", "false"]);
        using var http = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };

        using var page = await http.GetAsync("/orleans/");
        using var counters = await http.GetAsync("/orleans/DashboardCounters");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, counters.StatusCode));
        // Nothing of it runs: no profiler filter on grain calls, no counters collected.
        Assert.DoesNotContain(silo.Services.GetServices<IIncomingGrainCallFilter>(), f => f.GetType().Assembly == typeof(global::Orleans.Dashboard.DashboardOptions).Assembly);
        Assert.DoesNotContain(silo.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s.GetType().Assembly == typeof(global::Orleans.Dashboard.DashboardOptions).Assembly);
    }

    [Fact]
    public async Task Exposed_beyond_loopback_it_answers_only_with_the_web_token()
    {
        const string token = "a-web-token-of-32-characters-xyz";
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, token);
        using var admin = Ratio1Identity.Create();
        try
        {
            await using var silo = await TestSilo.StartAsync("edge-exposed-dashboard", extraArgs:
                ["--http-urls", "http://0.0.0.0:0", $"--Web:TokenFile={tokenFile}", $"--Security:Admins:0={admin.Address}"]);
            var address = new Uri($"http://127.0.0.1:{silo.HttpAddress.Port}");
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            using var withToken = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            withToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var anonymous = await http.GetAsync("/orleans/DashboardCounters");
            using var anonymousPage = await http.GetAsync("/orleans/");
            // Security is on here (admins configured): the dashboard's own calls inside the silo are not a client's, so they pass.
            var counters = await WaitForJsonAsync(withToken, "/orleans/DashboardCounters", json => GrainTypes(json).Contains(NodeGrainType));

            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, anonymousPage.StatusCode));
            Assert.DoesNotContain("edge-exposed-dashboard", await anonymous.Content.ReadAsStringAsync());
            Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    internal static IReadOnlyList<string> GrainTypes(JsonElement counters) =>
        [.. counters.GetProperty("simpleGrainStats").EnumerateArray().Select(s => s.GetProperty("grainType").GetString()!)];

    /// <summary>Reads a JSON endpoint until <paramref name="done"/> holds (the dashboard refreshes its counters every second).</summary>
    internal static async Task<JsonElement> WaitForJsonAsync(HttpClient http, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        string last;
        while (true)
        {
            using var response = await http.GetAsync(path);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"{path} did not answer as expected within {Patience.TotalSeconds} s; last answer: {last[..Math.Min(last.Length, 2000)]}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>One silo with the dashboard on (the default), shared by the tests that only read it.</summary>
    public sealed class DashboardSilo : IAsyncLifetime
    {
        public TestSilo Silo { get; private set; } = null!;

        public HttpClient Http { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Silo = await TestSilo.StartAsync("edge-orleans-dashboard");
            Http = new HttpClient { BaseAddress = Silo.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };
            await using var session = await Silo.ConnectAsync();
            await session.WaitForNodeAsync(Silo.NodeId, Patience);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await Silo.DisposeAsync();
        }
    }
}
