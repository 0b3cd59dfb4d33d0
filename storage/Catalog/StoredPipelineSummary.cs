namespace Ratio1.Orleans.Storage.Catalog;

/// <summary>One stored pipeline as the catalog reads it, straight from its state row.</summary>
public sealed record StoredPipelineSummary(
    string Name,
    string Type,
    int Version,
    bool Archived,
    int InstanceCount,
    string ChangedBy,
    DateTimeOffset ChangedAt);
