using System.Net;
using System.Text;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// With security on, each dashboard user's requests are signed with its own identity and the silo's authorisation
/// decides: a refusal is a 403 with the silo's message, as the client gets it.
/// </summary>
public sealed class ApiSecurityTests(ApiSecuredSilo fixture) : IClassFixture<ApiSecuredSilo>
{
    private string Node => fixture.Node;

    private static string Document(string name) =>
        $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"PROBE_01","INSTANCES":[{"INSTANCE_ID":"p1"}]}]}""";

    [Fact]
    public async Task A_viewers_deploy_is_refused_with_a_403_naming_the_roles_and_nothing_is_created()
    {
        using var viewer = fixture.Http(fixture.ViewerToken);
        using var admin = fixture.Http(fixture.AdminToken);
        var name = ApiSilo.UniqueName("sec");

        var answer = await viewer.PostAsync($"/api/nodes/{Node}/pipelines", Document(name));

        Assert.Equal((HttpStatusCode.Forbidden, "Unauthorized"), (answer.Status, answer.Str("error")));
        Assert.Contains($"Identity {fixture.Viewer.Address} holds role 'viewer'", answer.Str("message"));
        Assert.Contains("needs 'operator'", answer.Str("message"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/nodes/{Node}/pipelines/{name}")).Status);
    }

    [Fact]
    public async Task An_admins_deploy_works_and_is_recorded_as_signed_by_the_admin()
    {
        using var admin = fixture.Http(fixture.AdminToken);
        var name = ApiSilo.UniqueName("sec");

        var answer = await admin.PostAsync($"/api/nodes/{Node}/pipelines", Document(name));

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        var history = await admin.GetAsync($"/api/nodes/{Node}/pipelines/{name}/history");
        Assert.Contains("dashboard:admin", history.Text);
    }

    [Fact]
    public async Task A_viewer_can_read_the_fleet()
    {
        using var viewer = fixture.Http(fixture.ViewerToken);

        var answer = await viewer.GetAsync($"/api/nodes/{Node}/pipelines");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Me_names_the_user_and_the_identity_it_signs_with()
    {
        using var viewer = fixture.Http(fixture.ViewerToken);

        var answer = await viewer.GetAsync("/api/me");

        Assert.Equal(("viewer", fixture.Viewer.Address), (answer.Str("user"), answer.Str("address")));
        Assert.True(answer.Body.GetProperty("security").GetBoolean());
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_and_with_an_unknown_one_too()
    {
        using var anonymous = fixture.Http(null);
        using var stranger = fixture.Http("not-a-token-of-this-dashboard");

        var none = await anonymous.GetAsync("/api/nodes");
        var unknown = await stranger.GetAsync("/api/nodes");

        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthenticated"), (none.Status, none.Str("error")));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.DoesNotContain("not-a-token-of-this-dashboard", unknown.Text);
    }

    [Fact]
    public async Task Signing_in_sets_a_cookie_that_acts_as_the_user()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.HttpAddress };

        using var signIn = await http.PostAsync("/api/session", new StringContent($$"""{"token":"{{fixture.AdminToken}}"}""", Encoding.UTF8, "application/json"));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        using var me = await http.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"user\":\"admin\"", await me.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_itself_needs_no_token()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.HttpAddress };

        using var page = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
