using Npgsql;

namespace Ratio1.Orleans.Storage.Hosting;

/// <summary>Connection strings for the PostgreSQL pools a silo opens (one per provider).</summary>
public static class PostgresConnectionStrings
{
    /// <summary>
    /// <paramref name="connectionString"/> with its pool capped at <paramref name="maxPoolSize"/>, unless it sets a pool
    /// size itself: pools × providers × silos must stay below the server's connection limit.
    /// </summary>
    public static string WithPoolLimit(string connectionString, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        return builder.ConnectionString;
    }
}
