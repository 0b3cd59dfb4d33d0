using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Reads the <c>Storage</c> section, accepting the provider names people type (sqlite, postgres, postgresql, pg).</summary>
public static class StorageSection
{
    public static StorageOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.SectionName);
        var provider = section["Provider"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => StorageProvider.Sqlite,
            "postgres" or "postgresql" or "pg" or "npgsql" => StorageProvider.Postgres,
            var other => throw new ArgumentException($"Unknown storage '{other}' (Storage:Provider / --storage); use sqlite or postgres."),
        };

        var options = new StorageOptions { Provider = provider };
        if (section["DataDirectory"] is { Length: > 0 } dataDirectory)
        {
            options.DataDirectory = dataDirectory;
        }

        options.ConnectionString = section["ConnectionString"] is { Length: > 0 } cs ? cs : null;
        if (section["ConnectionStringFile"] is { Length: > 0 } file)
        {
            options.ConnectionString = options.ConnectionString is null
                ? ReadConnectionStringFile(file)
                : throw new ArgumentException("Storage:ConnectionString and Storage:ConnectionStringFile (--connection-string-file) are both set; keep one (the file).");
        }
        if (section["ApplySchemaOnStart"] is { Length: > 0 } apply)
        {
            options.ApplySchemaOnStart = bool.TryParse(apply, out var value)
                ? value
                : throw new ArgumentException($"Storage:ApplySchemaOnStart (--apply-schema) must be true or false, not '{apply}'.");
        }

        if (section["MaxPoolSize"] is { Length: > 0 } pool)
        {
            options.MaxPoolSize = int.TryParse(pool, out var size) && size > 0
                ? size
                : throw new ArgumentException($"Storage:MaxPoolSize must be a positive number, not '{pool}'.");
        }

        if (section["HealthCheckTimeoutSeconds"] is { Length: > 0 } health)
        {
            options.HealthCheckTimeoutSeconds = double.TryParse(health, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 60
                ? seconds
                : throw new ArgumentException($"Storage:HealthCheckTimeoutSeconds must be a number of seconds above 0 and at most 60, not '{health}'.");
        }

        return options;
    }

    /// <summary>Whether the connection string was typed on the command line, where every user of the machine can read it (<c>/proc/&lt;pid&gt;/cmdline</c>).</summary>
    public static bool OnCommandLine(IReadOnlyList<string> args) =>
        args.Any(a => a.Split('=', 2)[0] is var name && (name.Equals("--connection-string", StringComparison.OrdinalIgnoreCase) || name.Equals("--Storage:ConnectionString", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether <paramref name="file"/> may be read by users other than its owner and group.</summary>
    public static bool ReadableByOthers(string file) =>
        !OperatingSystem.IsWindows() && File.Exists(file) && (File.GetUnixFileMode(file) & UnixFileMode.OtherRead) != 0;

    // The secret lives in a file only its owner reads: the whole file, one line, surrounding white space dropped.
    private static string ReadConnectionStringFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Storage:ConnectionStringFile (--connection-string-file) '{file}' cannot be read: {e.Message}", e);
        }

        return text.Length > 0 ? text : throw new ArgumentException($"Storage:ConnectionStringFile (--connection-string-file) '{file}' is empty.");
    }
}
