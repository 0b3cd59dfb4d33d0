using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ratio1.Orleans.Storage.Sqlite;

/// <summary>
/// Hands Orleans' ADO.NET providers SQLite connections with our per-connection settings applied. Microsoft.Data.Sqlite
/// has no connection-string keyword for these pragmas, and a pragma inside a query text would return a stray row
/// that the providers would try to read as data.
/// </summary>
public sealed class SqliteConnectionSource : DbDataSource
{
    // busy_timeout: wait for a writer instead of failing with "database is locked".
    // synchronous=NORMAL: safe with WAL (a power cut may drop the last commits but never corrupts) and much faster.
    private const string ConnectionPragmas = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    private readonly string _connectionString;

    public SqliteConnectionSource(string connectionString)
    {
        _connectionString = connectionString;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        }
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(_connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        connection.Open();
        Apply(connection);
        return connection;
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Apply(connection);
        return connection;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }
}
