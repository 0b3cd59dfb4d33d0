using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// Stored form of one pipeline version: the whole config plus who made it, when and how, and its link in the
/// pipeline's history chain (see <see cref="History.HistoryHashes"/>). Fields after <see cref="InstanceVersions"/>
/// came with contract version 2; versions stored before lack them and read as unsigned and unchained.
/// </summary>
/// <param name="ChangedBy">The verified signer's address when <paramref name="Verified"/>, else the initiator the client declared.</param>
/// <param name="Verified">Whether the change came with a request whose signature the silo verified.</param>
/// <param name="RequestHash">The signed request's <c>EE_HASH</c>.</param>
/// <param name="Signature">The signed request's <c>EE_SIGN</c>.</param>
/// <param name="Request">The signed request document exactly as verified, to verify again later.</param>
/// <param name="ConfigHash">SHA-256 of the canonical form of <paramref name="Config"/>.</param>
/// <param name="PreviousHash">The <see cref="RecordHash"/> of the version before (<see cref="History.HistoryHashes.Genesis"/> for the first).</param>
/// <param name="RecordHash">SHA-256 of the canonical form of this version's fields (<see cref="History.HistoryHashes.Record"/>).</param>
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
    [property: JsonPropertyName("instanceVersions")] IReadOnlyDictionary<string, int> InstanceVersions,
    [property: JsonPropertyName("verified")] bool Verified = false,
    [property: JsonPropertyName("requestHash")] string? RequestHash = null,
    [property: JsonPropertyName("signature")] string? Signature = null,
    [property: JsonPropertyName("request")] string? Request = null,
    [property: JsonPropertyName("configHash")] string? ConfigHash = null,
    [property: JsonPropertyName("previousHash")] string? PreviousHash = null,
    [property: JsonPropertyName("recordHash")] string? RecordHash = null)
{
    /// <summary>Key of an instance in <see cref="InstanceVersions"/>.</summary>
    public static string InstanceKey(string signature, string instanceId) => $"{signature}/{instanceId}";

    /// <summary>Config version of an instance at this pipeline version (0 when absent).</summary>
    public int InstanceVersion(string signature, string instanceId) =>
        InstanceVersions.TryGetValue(InstanceKey(signature, instanceId), out var version) ? version : 0;

    public PipelineRevisionInfo ToInfo() =>
        new(Version, Action, ChangedBy, SessionId, ChangedAt, Archived, Config.InstanceCount, Comment, RolledBackTo, Verified, RecordHash);
}
