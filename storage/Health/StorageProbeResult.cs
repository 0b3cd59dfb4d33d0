using Ratio1.Orleans.Storage.Faults;

namespace Ratio1.Orleans.Storage.Health;

/// <summary>What one storage probe found: the schema version the database records, or why it did not answer.</summary>
/// <param name="SchemaVersion">The newest version in <c>r1_schema_version</c> (0: none recorded); null when <paramref name="Failure"/> is set.</param>
/// <param name="Failure">Why the storage did not answer in time (safe to show); null when it answered.</param>
public sealed record StorageProbeResult(int? SchemaVersion, DatabaseFailure? Failure)
{
    public bool Answered => Failure is null;
}
