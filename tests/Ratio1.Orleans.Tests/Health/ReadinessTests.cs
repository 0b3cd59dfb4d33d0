using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Health;

/// <summary>
/// <c>/health/ready</c> answers 200 only while every readiness check is healthy (storage answers a real query, the
/// silo is active in its cluster, the node is registered, the schema is current) and 503 otherwise, with each check in
/// the JSON; <c>/health/live</c> depends on nothing.
/// </summary>
public sealed class ReadinessTests
{
    private static readonly string[] ReadyChecks = ["storage", "cluster", "node", "schema"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ready_on_PostgreSQL_turns_503_on_its_storage_check_while_the_server_is_stopped_and_200_once_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-ready", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        using var http = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };

        var before = await HealthAnswer.WaitAsync(http, "/health/ready", a => a.Code == HttpStatusCode.OK, Patience);
        await server.KillAsync();
        var during = await HealthAnswer.WaitAsync(http, "/health/ready", a => a.Code == HttpStatusCode.ServiceUnavailable, Patience);
        var liveDuring = await HealthAnswer.GetAsync(http, "/health/live");
        await server.StartServerAsync();
        var after = await HealthAnswer.WaitAsync(http, "/health/ready", a => a.Code == HttpStatusCode.OK, Patience);

        Assert.Equal("ok", before.Status);
        Assert.All(ReadyChecks, name => Assert.Equal("ok", before.CheckStatus(name)));
        Assert.Equal(("unhealthy", "unhealthy", "unreachable"), (during.Status, during.CheckStatus("storage"), during.Check("storage").GetProperty("data").GetProperty("state").GetString()));
        Assert.DoesNotContain(server.Port.ToString(CultureInfo.InvariantCulture), during.Text);
        Assert.Equal((HttpStatusCode.OK, """{"status":"ok"}"""), (liveDuring.Code, liveDuring.Text));
        Assert.All(ReadyChecks, name => Assert.Equal("ok", after.CheckStatus(name)));
    }

    [Fact]
    public async Task Ready_on_the_embedded_SQLite_default_is_200_and_names_each_check_with_its_detail()
    {
        await using var silo = await TestSilo.StartAsync("edge-ready-sqlite");
        using var http = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };

        var ready = await HealthAnswer.WaitAsync(http, "/health/ready", a => a.Code == HttpStatusCode.OK, Patience);

        Assert.Equal(("ok", "edge-ready-sqlite"), (ready.Status, ready.Body.GetProperty("node").GetString()));
        Assert.Equal(ReadyChecks.Order(), ready.Body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).Order());
        Assert.All(ready.Body.GetProperty("checks").EnumerateArray(), c =>
        {
            Assert.Equal("ok", c.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(c.GetProperty("description").GetString()));
            Assert.True(c.GetProperty("durationMs").GetDouble() >= 0);
        });
        Assert.Equal("Active", ready.Check("cluster").GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("edge-ready-sqlite", ready.Check("node").GetProperty("data").GetProperty("node").GetString());
        var schema = ready.Check("schema").GetProperty("data");
        Assert.Equal(SqlResources.LatestVersion(StorageProvider.Sqlite), schema.GetProperty("current").GetInt32());
        Assert.Equal(SqlResources.LatestVersion(StorageProvider.Sqlite), schema.GetProperty("expected").GetInt32());
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_makes_ready_503_on_the_schema_check_while_storage_stays_ok()
    {
        await using var silo = await TestSilo.StartAsync("edge-ready-schema");
        using var http = new HttpClient { BaseAddress = silo.HttpAddress, Timeout = TimeSpan.FromSeconds(20) };
        await HealthAnswer.WaitAsync(http, "/health/ready", a => a.Code == HttpStatusCode.OK, Patience);
        var newer = SqlResources.LatestVersion(StorageProvider.Sqlite) + 1;

        // What a newer silo's migration leaves behind.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(silo.DataDirectory, StorageOptions.SqliteFileName)};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO r1_schema_version (version, description, applied_utc) VALUES ({newer}, 'from a newer build', '2026-12-02T00:00:00Z')";
            await insert.ExecuteNonQueryAsync();
        }

        var ready = await HealthAnswer.WaitAsync(http, "/health/ready", a => a.Code == HttpStatusCode.ServiceUnavailable, Patience);

        Assert.Equal(("unhealthy", "ok"), (ready.CheckStatus("schema"), ready.CheckStatus("storage")));
        Assert.Equal(newer, ready.Check("schema").GetProperty("data").GetProperty("current").GetInt32());
        Assert.Contains("newer than this build", ready.Check("schema").GetProperty("description").GetString());
    }
}
