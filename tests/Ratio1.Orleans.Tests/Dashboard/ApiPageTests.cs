using System.Net;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>The page's files come from the dashboard's assembly, with content types and cache headers; the API never falls back to the page.</summary>
public sealed class ApiPageTests(ApiSilo fixture) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task The_page_is_served_at_the_root_as_html_revalidated_by_its_etag()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.HttpAddress };

        using var first = await http.GetAsync("/");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/index.html");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        using var second = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        Assert.True(first.Headers.CacheControl!.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Every_file_of_the_page_is_served_with_its_content_type()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.HttpAddress };
        var assets = new Ratio1.Orleans.Dashboard.Hosting.DashboardAssets();

        foreach (var path in assets.Paths)
        {
            using var answer = await http.GetAsync(path);

            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {answer.StatusCode}");
            Assert.NotEqual("application/octet-stream", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_deep_link_gets_the_page_but_a_missing_file_or_api_route_does_not()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.HttpAddress };

        using var deepLink = await http.GetAsync("/pipeline/view");
        using var missingFile = await http.GetAsync("/missing.js");
        using var missingApi = await http.GetAsync("/api/nothing-here");

        Assert.Equal((HttpStatusCode.OK, "text/html"), (deepLink.StatusCode, deepLink.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "application/json"), (missingApi.StatusCode, missingApi.Content.Headers.ContentType!.MediaType));
    }

    [Fact]
    public async Task Health_and_metrics_are_still_the_silos()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.HttpAddress };

        using var live = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.NotEqual("text/html", live.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_silo_with_the_dashboard_switched_off_serves_neither_page_nor_api()
    {
        await using var silo = await TestSilo.StartAsync("dash-off", extraArgs: ["--Dashboard:Enabled=false"]);
        using var http = new HttpClient { BaseAddress = silo.HttpAddress };

        using var page = await http.GetAsync("/");
        using var api = await http.GetAsync("/api/nodes");
        using var live = await http.GetAsync("/health/live");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK), (page.StatusCode, api.StatusCode, live.StatusCode));
    }
}
