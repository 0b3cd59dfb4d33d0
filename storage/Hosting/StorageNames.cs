namespace Ratio1.Orleans.Storage.Hosting;

/// <summary>Names of the grain storage providers a silo registers.</summary>
public static class StorageNames
{
    /// <summary>Config and status of nodes, pipelines and plugin instances.</summary>
    public const string State = "r1-state";

    /// <summary>Explicit stream subscriptions; the name is fixed by Orleans.</summary>
    public const string PubSub = "PubSubStore";

    /// <summary>The ADO.NET invariant Orleans maps to Microsoft.Data.Sqlite (sic).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";
}
