namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>What the silo says about how its secrets reached it.</summary>
internal static partial class SecretsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage connection string was given on the command line (--connection-string), where every user of this machine can read it (ps, /proc/<pid>/cmdline); give it in a file only the silo's user reads (--connection-string-file) or in the R1_Storage__ConnectionString environment variable")]
    public static partial void ConnectionStringOnCommandLine(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection string file {File} is readable by every user of this machine; make it readable by the silo's user only (chmod 600)")]
    public static partial void ConnectionStringFileReadable(ILogger logger, string file);
}
