using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Pipelines;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary>
/// PostgreSQL cannot store a NUL character (error 22P05): it is refused as invalid config naming the field, exactly
/// as on SQLite (<see cref="UnstorableTextTests"/>), never reported as unavailable storage.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUnstorableTextTests(PostgresFixture postgres) : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private Client.Ratio1Session _session = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        _silo = await TestSilo.StartAsync("edge-pg-text", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        _session = await _silo.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public Task A_NUL_in_an_instance_value_is_refused_naming_the_field_and_nothing_is_stored() =>
        new UnstorableTextScenario(_session, _silo.NodeId).A_NUL_in_an_instance_value_is_refused_naming_the_field_and_nothing_is_stored();

    [Fact]
    public Task A_NUL_in_a_deployed_document_is_refused_naming_the_field_and_nothing_is_created() =>
        new UnstorableTextScenario(_session, _silo.NodeId).A_NUL_in_a_deployed_document_is_refused_naming_the_field_and_nothing_is_created();
}
