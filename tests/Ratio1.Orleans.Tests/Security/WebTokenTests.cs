using System.Net;
using System.Net.Http.Headers;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// The web host's token: when required (any non-loopback binding, or <c>Web:RequireToken</c> as here on loopback),
/// <c>/health</c>, <c>/health/ready</c> and <c>/metrics</c> answer only with <c>Authorization: Bearer &lt;token&gt;</c>; liveness stays open.
/// </summary>
public sealed class WebTokenTests : IAsyncLifetime
{
    private const string Token = "a-web-token-of-32-characters-xyz";
    private readonly string _tokenFile = Path.GetTempFileName();
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_tokenFile, Token + "\n");
        _silo = await TestSilo.StartAsync("edge-web", extraArgs: [$"--Web:TokenFile={_tokenFile}", "--Web:RequireToken=true"]);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        File.Delete(_tokenFile);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task Without_the_token_an_endpoint_answers_401_and_reveals_nothing(string path)
    {
        using var response = await GetAsync(path, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("edge-web", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    public async Task With_the_token_an_endpoint_answers(string path)
    {
        using var response = await GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_of_the_same_length_is_refused()
    {
        using var response = await GetAsync("/health", Token[..^1] + "q");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Liveness_answers_without_the_token_and_tells_only_that_the_silo_is_up()
    {
        using var response = await GetAsync("/health/live", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_silo.HttpAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
