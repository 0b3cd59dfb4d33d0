using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Ratio1.Orleans.Silo.Cli;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Storage;

/// <summary>The schema command creates or upgrades the schema idempotently, on SQLite and on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Applying_the_sqlite_schema_twice_applies_nothing_the_second_time()
    {
        var migrator = Migrator(SqliteOptions());

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(SqlResources.LatestVersion(StorageProvider.Sqlite), first.AppliedNow.Count);
        Assert.Empty(second.AppliedNow);
        Assert.True((await migrator.GetStatusAsync()).IsCurrent);
    }

    [Fact]
    public async Task Applying_the_postgres_schema_twice_applies_nothing_the_second_time()
    {
        var migrator = Migrator(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = await postgres.Server.CreateDatabaseAsync() });

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(SqlResources.LatestVersion(StorageProvider.Postgres), first.AppliedNow.Count);
        Assert.Empty(second.AppliedNow);
    }

    [Fact]
    public async Task Concurrent_schema_runs_on_postgres_apply_each_migration_once()
    {
        var options = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = await postgres.Server.CreateDatabaseAsync() };

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Migrator(options).ApplyAsync()));

        Assert.Equal(SqlResources.LatestVersion(StorageProvider.Postgres), runs.Sum(r => r.AppliedNow.Count));
    }

    [Fact]
    public async Task Every_orleans_query_key_is_installed_on_postgres()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await Migrator(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString }).ApplyAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(SqlResources.Queries(StorageProvider.Postgres).Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Contains("CleanupDefunctSiloEntriesKey", keys);
        Assert.Contains("WriteToStorageKey", keys);
    }

    [Fact]
    public async Task A_postgres_silo_on_an_empty_database_refuses_to_start_and_says_how_to_fix_it()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync("edge-noschema", extraArgs: ["--storage", "postgres", "--connection-string", connectionString]));

        Assert.Contains("db init", Flatten(error));
    }

    [Fact]
    public async Task The_db_init_command_creates_the_schema_and_db_status_reports_it()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var init = new StringWriter();
        var status = new StringWriter();

        var initCode = await SiloCommandLine.RunAsync(["db", "init", "--storage", "postgres", "--connection-string", connectionString], init, TextWriter.Null, NoSilo, CancellationToken.None);
        var statusCode = await SiloCommandLine.RunAsync(["db", "status", "--storage", "postgres", "--connection-string", connectionString], status, TextWriter.Null, NoSilo, CancellationToken.None);

        Assert.Equal((0, 0), (initCode, statusCode));
        Assert.Contains($"schema is at version {SqlResources.LatestVersion(StorageProvider.Postgres)}", init.ToString());
        Assert.Contains("current", status.ToString());
    }

    [Fact]
    public async Task The_sqlite_database_runs_in_wal_mode()
    {
        var options = SqliteOptions();
        await Migrator(options).ApplyAsync();

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(options.ResolveConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    private static SchemaMigrator Migrator(StorageOptions options) => new(options, NullLogger<SchemaMigrator>.Instance);

    private static StorageOptions SqliteOptions() => new() { DataDirectory = Directory.CreateTempSubdirectory("r1-schema-").FullName };

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);

    private static Task<int> NoSilo(string[] args, CancellationToken cancellationToken) => throw new InvalidOperationException("db commands do not run the silo");
}
