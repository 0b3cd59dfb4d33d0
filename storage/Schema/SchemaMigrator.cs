using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Sqlite;

namespace Ratio1.Orleans.Storage.Schema;

/// <summary>
/// Creates or upgrades the schema idempotently: applies the migrations newer than the version recorded in
/// <c>r1_schema_version</c>, then refreshes every Orleans query text, all in one transaction. Concurrent runs are
/// serialised (SQLite: an immediate transaction; PostgreSQL: a transaction-scoped advisory lock). A database that cannot
/// be reached, refuses the credentials or fails a statement is reported as <see cref="DatabaseUnavailableException"/>.
/// </summary>
public sealed partial class SchemaMigrator(StorageOptions options, ILogger<SchemaMigrator> logger)
{
    // Any constant works; it only has to be the same for every silo of the database.
    private const long AdvisoryLockKey = 0x5231_4F52_4C45_414E;

    private const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS r1_schema_version (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_utc text NOT NULL)";

    /// <summary>What a silo does when it starts: applies the schema when configured to, else checks that it is current.</summary>
    /// <returns>The schema's status; <see cref="SchemaStatus.AppliedNow"/> lists what was applied.</returns>
    public async Task<SchemaStatus> PrepareForStartAsync(CancellationToken cancellationToken = default)
    {
        if (options.ShouldApplySchemaOnStart)
        {
            return await ApplyAsync(cancellationToken);
        }

        await VerifyAsync(cancellationToken);
        return new SchemaStatus(SqlResources.LatestVersion(options.Provider), SqlResources.LatestVersion(options.Provider), []);
    }

    /// <summary>Applies pending migrations and refreshes the query texts. Safe to run any number of times.</summary>
    public async Task<SchemaStatus> ApplyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await ApplyPendingAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw DatabaseUnavailableException.For(DatabaseFailure.Of(e), options, e);
        }
    }

    private async Task<SchemaStatus> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        var migrations = SqlResources.Migrations(options.Provider);
        var latest = migrations.Max(m => m.Version);

        await using var connection = await OpenAsync(cancellationToken);
        if (options.Provider == StorageProvider.Sqlite)
        {
            // Persistent per file; concurrent grain writes fail with "database is locked" in the default journal mode.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (options.Provider == StorageProvider.Postgres)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        }

        await ExecuteAsync(connection, transaction, CreateVersionTable, cancellationToken);
        var current = await ReadVersionAsync(connection, transaction, cancellationToken);
        if (current > latest)
        {
            throw new SchemaMismatchException(
                $"The database schema is at version {current}, newer than this build supports ({latest}). Upgrade the silo.");
        }

        var applied = new List<Migration>();
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO r1_schema_version (version, description, applied_utc) VALUES (@version, @description, @applied)",
                cancellationToken,
                ("version", migration.Version), ("description", migration.Description), ("applied", DateTimeOffset.UtcNow.ToString("O")));
            applied.Add(migration);
            LogMigrationApplied(logger, migration.Version, migration.Description);
        }

        foreach (var (key, text) in SqlResources.Queries(options.Provider))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText",
                cancellationToken, ("key", key), ("text", text));
        }

        await transaction.CommitAsync(cancellationToken);
        return new SchemaStatus(latest, latest, applied);
    }

    /// <summary>Reads the recorded schema version without changing anything.</summary>
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadStatusAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw DatabaseUnavailableException.For(DatabaseFailure.Of(e), options, e);
        }
    }

    private async Task<SchemaStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var latest = SqlResources.LatestVersion(options.Provider);
        await using var connection = await OpenAsync(cancellationToken);
        var exists = await ScalarAsync(connection,
            options.Provider == StorageProvider.Sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'r1_schema_version'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'r1_schema_version'",
            cancellationToken);
        var current = Convert.ToInt32(exists) == 0 ? 0 : await ReadVersionAsync(connection, null, cancellationToken);
        return new SchemaStatus(current, latest, []);
    }

    /// <summary>Throws <see cref="SchemaMismatchException"/> with the command to run unless the schema is current.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(cancellationToken);
        if (status.CurrentVersion < status.LatestVersion)
        {
            throw new SchemaMismatchException(
                (status.CurrentVersion == 0 ? "The database has no Ratio1.Orleans schema." : $"The database schema is at version {status.CurrentVersion}; this build needs {status.LatestVersion}.") +
                $" Run `Ratio1.Orleans.Silo db init --storage {options.Provider.ToString().ToLowerInvariant()} --connection-string \"...\"`, or start the silo with --apply-schema.");
        }

        if (status.CurrentVersion > status.LatestVersion)
        {
            throw new SchemaMismatchException(
                $"The database schema is at version {status.CurrentVersion}, newer than this build supports ({status.LatestVersion}). Upgrade the silo.");
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connectionString = options.ResolveConnectionString();
        if (options.Provider == StorageProvider.Sqlite)
        {
            return await new SqliteConnectionSource(connectionString).OpenConnectionAsync(cancellationToken);
        }

        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(version), 0) FROM r1_schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version}: {Description}")]
    private static partial void LogMigrationApplied(ILogger logger, int version, string description);
}
