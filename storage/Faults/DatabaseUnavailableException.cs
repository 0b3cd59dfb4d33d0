using Microsoft.Data.Sqlite;
using Npgsql;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Storage.Faults;

/// <summary>
/// The silo's database could not be used when the silo or a <c>db</c> command started. The message is one line for an
/// operator: what failed, where (host:port, database and user, or the SQLite file), never the password.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    private DatabaseUnavailableException(DatabaseFailure failure, string message, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>What failed.</summary>
    public DatabaseFailure Failure { get; }

    /// <summary>Describes <paramref name="failure"/> of the database that <paramref name="options"/> name.</summary>
    public static DatabaseUnavailableException For(DatabaseFailure failure, StorageOptions options, Exception? cause = null) =>
        new(failure, options.Provider == StorageProvider.Postgres ? DescribePostgres(failure, options) : DescribeSqlite(failure, options), cause);

    /// <summary>The SQLite data directory cannot be created: the database file cannot be opened either.</summary>
    public static DatabaseUnavailableException ForDataDirectory(string directory, Exception cause) =>
        new(new DatabaseFailure(DatabaseFailureKind.Unreachable, cause.Message),
            $"cannot create the data directory {directory}: {cause.Message}", cause);

    private static string DescribePostgres(DatabaseFailure failure, StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString());
        var endpoint = $"{builder.Host}:{builder.Port}";
        var user = builder.Username ?? Environment.UserName;
        var database = builder.Database ?? user;
        return failure.Kind switch
        {
            DatabaseFailureKind.Unreachable => $"cannot reach the database at {endpoint}: {failure.Detail}",
            DatabaseFailureKind.CredentialsRefused => $"the database refused the credentials of user '{user}' at {endpoint} (database '{database}')",
            DatabaseFailureKind.ConnectionRefused => $"the database at {endpoint} refused user '{user}' (database '{database}'): {failure.Detail}",
            _ => $"the database at {endpoint} (database '{database}') failed: {failure.Detail}",
        };
    }

    private static string DescribeSqlite(DatabaseFailure failure, StorageOptions options)
    {
        var file = new SqliteConnectionStringBuilder(options.ResolveConnectionString()).DataSource;
        return failure.Kind == DatabaseFailureKind.Failed
            ? $"the SQLite database {file} failed: {failure.Detail}"
            : $"cannot open the SQLite database {file}: {failure.Detail}";
    }
}
