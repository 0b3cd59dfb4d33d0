using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ratio1.Orleans.Storage.Faults;

/// <summary>
/// A database failure in words that are safe to show anywhere: its kind and a short detail, never a connection
/// string, a password or (in <see cref="Reason"/>) the server's address.
/// </summary>
/// <param name="Kind">What the failure means.</param>
/// <param name="Detail">What the driver reported, e.g. <c>connection refused</c> or <c>relation "x" does not exist (42P01)</c>.</param>
public sealed record DatabaseFailure(DatabaseFailureKind Kind, string Detail)
{
    /// <summary>The failure as a reason for callers, e.g. <c>the database cannot be reached (connection refused)</c>.</summary>
    public string Reason => Kind switch
    {
        DatabaseFailureKind.Unreachable => $"the database cannot be reached ({Detail})",
        DatabaseFailureKind.CredentialsRefused => "the database refused the credentials",
        DatabaseFailureKind.ConnectionRefused => $"the database refused the connection ({Detail})",
        _ => $"the database failed ({Detail})",
    };

    /// <summary>The database failure in <paramref name="exception"/> or its inner exceptions, or null when there is none.</summary>
    public static DatabaseFailure? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException database)
            {
                return Of(database);
            }
        }

        return null;
    }

    /// <summary>Classifies a driver exception (Npgsql, Microsoft.Data.Sqlite, or any other ADO.NET driver).</summary>
    public static DatabaseFailure Of(DbException exception) => exception switch
    {
        PostgresException server => OfServer(server),
        NpgsqlException client => OfClient(client),
        SqliteException sqlite => OfSqlite(sqlite),
        _ => new(DatabaseFailureKind.Failed, exception.GetType().Name),
    };

    // An error the PostgreSQL server sent: its SQLSTATE says whose fault it is.
    private static DatabaseFailure OfServer(PostgresException e)
    {
        var detail = $"{e.MessageText} ({e.SqlState})";
        return e.SqlState switch
        {
            // invalid_password, invalid_authorization_specification (unknown role, pg_hba refusal)
            "28P01" or "28000" => new(DatabaseFailureKind.CredentialsRefused, detail),
            // invalid_catalog_name (no such database), too_many_connections
            "3D000" or "53300" => new(DatabaseFailureKind.ConnectionRefused, detail),
            // admin_shutdown, crash_shutdown, cannot_connect_now, and class 08 (connection exception)
            "57P01" or "57P02" or "57P03" => new(DatabaseFailureKind.Unreachable, detail),
            _ when e.SqlState.StartsWith("08", StringComparison.Ordinal) => new(DatabaseFailureKind.Unreachable, detail),
            _ => new(DatabaseFailureKind.Failed, detail),
        };
    }

    // Npgsql's own failures: the network, timeouts, and an authentication it could not even attempt.
    private static DatabaseFailure OfClient(NpgsqlException e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return new(DatabaseFailureKind.Unreachable, Describe(socket.SocketErrorCode));
                case TimeoutException:
                    return new(DatabaseFailureKind.Unreachable, "timed out");
                case IOException or EndOfStreamException:
                    return new(DatabaseFailureKind.Unreachable, "the connection was lost");
            }
        }

        // "No password has been provided but the backend requires one": the server asked for credentials we lack.
        if (e.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseFailureKind.CredentialsRefused, "no password was given");
        }

        // Npgsql's other messages may name the server; the kind is what matters to callers.
        return e.IsTransient
            ? new(DatabaseFailureKind.Unreachable, "the connection failed")
            : new(DatabaseFailureKind.Failed, "the driver reported an error");
    }

    private static string Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
        SocketError.TimedOut => "timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown => "network unreachable",
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "the connection was lost",
        _ => error.ToString(),
    };

    // https://www.sqlite.org/rescode.html (primary codes; extended codes keep them in the low byte).
    private static DatabaseFailure OfSqlite(SqliteException e) => (e.SqliteErrorCode & 0xFF) switch
    {
        14 => new(DatabaseFailureKind.Unreachable, "unable to open the database file"),
        5 or 6 => new(DatabaseFailureKind.Unreachable, "the database is locked"),
        8 => new(DatabaseFailureKind.Unreachable, "the database file is read-only"),
        3 or 23 => new(DatabaseFailureKind.Unreachable, "permission denied"),
        10 => new(DatabaseFailureKind.Unreachable, "disk I/O error"),
        13 => new(DatabaseFailureKind.Unreachable, "the disk is full"),
        26 => new(DatabaseFailureKind.Failed, "the file is not a database"),
        11 => new(DatabaseFailureKind.Failed, "the database file is corrupt"),
        _ => new(DatabaseFailureKind.Failed, e.Message.TrimEnd('.')),
    };
}
