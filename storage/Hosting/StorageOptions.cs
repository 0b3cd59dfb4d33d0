namespace Ratio1.Orleans.Storage.Hosting;

/// <summary>Storage settings of a silo (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>File name of the embedded database inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "ratio1.db";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder of the embedded SQLite database (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Connection string. Required for PostgreSQL; for SQLite it overrides the file under <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Create or upgrade the schema when the silo starts. Default: on for SQLite; for PostgreSQL, where the schema is
    /// usually applied as a deploy step (<c>db init</c>), off unless set.
    /// </summary>
    public bool? ApplySchemaOnStart { get; set; }

    /// <summary>How long <c>/health</c> waits for the storage to answer before it reports it unreachable (default 2 s).</summary>
    public double HealthCheckTimeoutSeconds { get; set; } = 2;

    /// <summary>Largest number of pooled PostgreSQL connections per provider.</summary>
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>Whether the schema is applied at start, with the default resolved.</summary>
    public bool ShouldApplySchemaOnStart => ApplySchemaOnStart ?? Provider == StorageProvider.Sqlite;

    /// <summary>The effective connection string: the configured one, or the SQLite file under the data directory.</summary>
    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (Provider == StorageProvider.Postgres)
        {
            throw new InvalidOperationException(
                "Storage:ConnectionString is required with --storage postgres (e.g. \"Host=db;Database=ratio1;Username=ratio1;Password=...\").");
        }

        return $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), SqliteFileName)}";
    }
}
