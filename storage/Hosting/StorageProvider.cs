namespace Ratio1.Orleans.Storage.Hosting;

/// <summary>Where a silo keeps its state.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file under the data directory: single node, zero setup.</summary>
    Sqlite = 0,
    /// <summary>A PostgreSQL database shared by the silos of a cluster.</summary>
    Postgres = 1,
}
