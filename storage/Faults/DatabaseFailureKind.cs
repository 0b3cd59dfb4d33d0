namespace Ratio1.Orleans.Storage.Faults;

/// <summary>What a database failure means to whoever met it.</summary>
public enum DatabaseFailureKind
{
    /// <summary>The database cannot be reached or opened (refused, unknown host, timeout, lost connection, file that cannot be opened).</summary>
    Unreachable,

    /// <summary>The server refused the user's credentials (wrong password, unknown user).</summary>
    CredentialsRefused,

    /// <summary>The server refused the connection for another reason (the database does not exist, too many connections).</summary>
    ConnectionRefused,

    /// <summary>Connected, but a statement failed.</summary>
    Failed,
}
