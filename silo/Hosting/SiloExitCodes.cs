namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Exit codes of the silo process (<c>Ratio1.Orleans.Silo</c>, its <c>db</c> and <c>models</c> commands); scripts and
/// service managers rely on them, so they never change meaning. Documented in README.md and docs/storage.md.
/// </summary>
public static class SiloExitCodes
{
    /// <summary>Stopped normally, or the command succeeded.</summary>
    public const int Ok = 0;

    /// <summary>Invalid settings, or a database schema this build cannot run on (the message says which command fixes it).</summary>
    public const int InvalidSettings = 1;

    /// <summary>Bad arguments to the silo or a command (<c>db</c>, <c>models</c>): an unknown option, a value not of its option's kind, a missing one.</summary>
    public const int Usage = 2;

    /// <summary><c>db status</c>: the schema is not the one this build expects (run <c>db init</c>, or upgrade the silo).</summary>
    public const int SchemaNotCurrent = 3;

    /// <summary>The database cannot be reached or opened: connection refused, unknown host, timeout, a SQLite file or data directory that cannot be opened.</summary>
    public const int DatabaseUnreachable = 4;

    /// <summary>The database refused the credentials (wrong password, unknown user).</summary>
    public const int DatabaseCredentialsRefused = 5;

    /// <summary>The database refused the connection for another reason (no such database, too many connections) or failed a statement of the schema step.</summary>
    public const int DatabaseFailed = 6;

    /// <summary>
    /// A listener (silo port, gateway, web host) would be bound beyond loopback without the security it needs: admins
    /// (<c>Security:Admins</c>), TLS (<c>Tls:*</c>) for the Orleans ports, a token (<c>Web:TokenFile</c>) for the web host.
    /// </summary>
    public const int InsecureBinding = 7;

    /// <summary>
    /// Another live silo serves this node (PostgreSQL: anywhere in the cluster) or uses this data folder: this one
    /// stopped before touching any state; the line names that silo (address, host, pid, start time). Also the exit code
    /// of a silo whose node another silo took while it was cut off from the database.
    /// </summary>
    public const int NodeAlreadyServed = 8;
}
