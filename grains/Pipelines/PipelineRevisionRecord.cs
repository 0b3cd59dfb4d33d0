using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>Stored form of one pipeline version: the whole config plus who made it, when and how.</summary>
public sealed record PipelineRevisionRecord(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("action")] PipelineAction Action,
    [property: JsonPropertyName("changedBy")] string ChangedBy,
    [property: JsonPropertyName("sessionId")] string? SessionId,
    [property: JsonPropertyName("changedAt")] DateTimeOffset ChangedAt,
    [property: JsonPropertyName("archived")] bool Archived,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("rolledBackTo")] int? RolledBackTo,
    [property: JsonPropertyName("config")] PipelineConfig Config,
    [property: JsonPropertyName("instanceVersions")] IReadOnlyDictionary<string, int> InstanceVersions)
{
    /// <summary>Key of an instance in <see cref="InstanceVersions"/>.</summary>
    public static string InstanceKey(string signature, string instanceId) => $"{signature}/{instanceId}";

    /// <summary>Config version of an instance at this pipeline version (0 when absent).</summary>
    public int InstanceVersion(string signature, string instanceId) =>
        InstanceVersions.TryGetValue(InstanceKey(signature, instanceId), out var version) ? version : 0;

    public PipelineRevisionInfo ToInfo() =>
        new(Version, Action, ChangedBy, SessionId, ChangedAt, Archived, Config.InstanceCount, Comment, RolledBackTo);
}
