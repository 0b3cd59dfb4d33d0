using Npgsql;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>The history chain on PostgreSQL: it verifies as stored, and an edit made in the database is caught.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditPostgresTests(PostgresFixture postgres) : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private Ratio1Session _session = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.Server.CreateDatabaseAsync();
        _silo = await TestSilo.StartAsync("edge-pg-audit", extraArgs: ["--storage", "postgres", "--connection-string", _connectionString, "--apply-schema"]);
        _session = await _silo.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task A_history_of_every_kind_of_change_verifies_intact_on_postgres()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(_session, _silo.NodeId, name);

        var verification = await AuditScenario.VerifyAsync(_session, _silo.NodeId, name);

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(AuditScenario.Versions, verification.VersionsChecked);
    }

    [Fact]
    public async Task Changing_a_config_value_inside_a_stored_version_is_caught_on_postgres()
    {
        var name = SiloFixture.UniqueName("audit");
        await AuditScenario.BuildAsync(_session, _silo.NodeId, name);

        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE pipeline_history SET record = jsonb_set(record::jsonb, '{config,CAP_RESOLUTION}', '99')::json WHERE pipeline_key = @key AND version = 3", connection);
            command.Parameters.AddWithValue("key", GrainKeys.Pipeline(_silo.NodeId, name));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var verification = await AuditScenario.VerifyAsync(_session, _silo.NodeId, name);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.FirstBrokenVersion);
        Assert.Contains("config does not match its config hash", verification.Reason);
    }
}
