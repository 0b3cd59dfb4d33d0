namespace Ratio1.Orleans.Storage.Schema;

/// <summary>Where a database stands against the schema this build expects.</summary>
/// <param name="CurrentVersion">Version recorded in the database (0: no schema yet).</param>
/// <param name="LatestVersion">Newest version this build knows.</param>
/// <param name="AppliedNow">Migrations applied by the call that returned this status.</param>
public sealed record SchemaStatus(int CurrentVersion, int LatestVersion, IReadOnlyList<Migration> AppliedNow)
{
    public bool IsCurrent => CurrentVersion == LatestVersion;
}
