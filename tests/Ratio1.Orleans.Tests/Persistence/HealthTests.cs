using System.Net;
using System.Text.Json;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary><c>/health</c> asks the node's storage a real question: a silo whose database is down is not healthy.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_503_while_PostgreSQL_is_stopped_and_200_again_once_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-health", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        using var http = new HttpClient { BaseAddress = silo.HttpAddress };

        var before = await http.GetAsync("/health");
        await server.KillAsync();
        var during = await http.GetAsync("/health");
        var duringBody = await during.Content.ReadAsStringAsync();
        await server.StartServerAsync();
        var after = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        var body = JsonDocument.Parse(duringBody).RootElement;
        Assert.Equal(("unhealthy", "unreachable", "edge-health"), (body.GetProperty("status").GetString(), body.GetProperty("storage").GetString(), body.GetProperty("node").GetString()));
        Assert.True(body.TryGetProperty("pipelines", out _), duringBody);
        Assert.DoesNotContain(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), duringBody);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("ok", JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_of_a_SQLite_node_is_200_with_its_storage_ok()
    {
        await using var silo = await TestSilo.StartAsync("edge-health-sqlite");
        using var http = new HttpClient { BaseAddress = silo.HttpAddress };

        var response = await http.GetAsync("/health");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("ok", "ok", "edge-health-sqlite"), (body.GetProperty("status").GetString(), body.GetProperty("storage").GetString(), body.GetProperty("node").GetString()));
    }
}
