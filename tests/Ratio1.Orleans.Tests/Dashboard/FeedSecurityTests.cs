using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ratio1.Orleans.Dashboard.Feed;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>Where the dashboard needs a token, so does its live feed.</summary>
public sealed class FeedSecurityTests(ApiSecuredSilo fixture) : IClassFixture<ApiSecuredSilo>
{
    [Fact]
    public async Task Without_a_token_the_feed_answers_401()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(fixture.Silo.HttpAddress, FeedEndpoints.Route));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthenticated", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task With_a_users_token_the_feed_streams_events()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.ViewerToken);

        var (response, feed) = await FeedEventReader.OpenAsync(http, new Uri(fixture.Silo.HttpAddress, FeedEndpoints.Route), CancellationToken.None);
        using (response)
        using (feed)
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
