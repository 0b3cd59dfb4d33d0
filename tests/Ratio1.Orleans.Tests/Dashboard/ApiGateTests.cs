using System.Net;
using System.Net.Http.Headers;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// Where the silo's web host needs its token (beyond loopback, or <c>Web:RequireToken</c> as here), the dashboard does
/// too: its page loads without one (it holds no data), its API needs the web token or a dashboard user's.
/// </summary>
public sealed class ApiGateTests : IAsyncLifetime
{
    private readonly string _tokenFile = Path.GetTempFileName();
    private readonly string _token = "web-token-" + Guid.NewGuid().ToString("N");
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_tokenFile, _token);
        _silo = await TestSilo.StartAsync("dash-gated", extraArgs: [$"--Web:TokenFile={_tokenFile}", "--Web:RequireToken=true"]);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        File.Delete(_tokenFile);
    }

    [Fact]
    public async Task The_page_loads_without_a_token_but_the_api_needs_the_web_token()
    {
        using var http = new HttpClient { BaseAddress = _silo.HttpAddress };

        using var page = await http.GetAsync("/");
        using var anonymous = await http.GetAsync("/api/nodes");
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/nodes");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var authorised = await http.SendAsync(withToken);
        using var metrics = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
    }
}
