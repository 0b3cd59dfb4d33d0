using System.Globalization;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines.History;

/// <summary>
/// The hashes that chain a pipeline's versions: each version's config hash, and its record hash over every field
/// that says what changed, by whom, on whose signature, when, and what came before (<see cref="PipelineRevisionRecord.PreviousHash"/>).
/// Changing any of them in storage, or removing or inserting a version, breaks the chain at that point.
/// </summary>
public static class HistoryHashes
{
    /// <summary>The previous hash of the first version of a chain (a new pipeline, or one created again after a delete).</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 of the canonical form of the config (its Ratio1 JSON, keys sorted).</summary>
    public static string Config(PipelineConfig config) => ChainCanon.Sha256(ConfigValue.FromObject(config.ToMap()));

    /// <summary>
    /// SHA-256 of the canonical form of the record's fields, <see cref="PipelineRevisionRecord.RecordHash"/> and
    /// <see cref="PipelineRevisionRecord.Request"/> excepted: the request is bound by its hash (<c>EE_HASH</c>), which
    /// verification checks against the document. <paramref name="configHash"/> is the record's config hash.
    /// </summary>
    public static string Record(string pipelineKey, PipelineRevisionRecord record, string configHash)
    {
        var instanceVersions = new JsonObject();
        foreach (var (key, version) in record.InstanceVersions)
        {
            instanceVersions[key] = version;
        }

        return ChainCanon.Sha256(new JsonObject
        {
            ["pipeline"] = pipelineKey,
            ["version"] = record.Version,
            ["action"] = record.Action.ToString(),
            ["configHash"] = configHash,
            ["signer"] = record.ChangedBy,
            ["verified"] = record.Verified,
            ["requestHash"] = record.RequestHash,
            ["signature"] = record.Signature,
            ["changedAt"] = record.ChangedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["previousHash"] = record.PreviousHash ?? Genesis,
            ["archived"] = record.Archived,
            ["rolledBackTo"] = record.RolledBackTo,
            ["sessionId"] = record.SessionId,
            ["comment"] = record.Comment,
            ["instanceVersions"] = instanceVersions,
        });
    }

    /// <summary>
    /// The hash the next version links to: the stored record hash, or for a version stored before chaining existed,
    /// the record hash computed from its fields now.
    /// </summary>
    public static string LinkOf(string pipelineKey, PipelineRevisionRecord record) =>
        record.RecordHash ?? Record(pipelineKey, record, Config(record.Config));

    /// <summary>Completes a new version with its config hash, previous hash and record hash.</summary>
    public static PipelineRevisionRecord Seal(string pipelineKey, PipelineRevisionRecord record, PipelineRevisionRecord? previous)
    {
        var sealedRecord = record with
        {
            ConfigHash = Config(record.Config),
            PreviousHash = previous is null ? Genesis : LinkOf(pipelineKey, previous),
            RecordHash = null,
        };

        return sealedRecord with { RecordHash = Record(pipelineKey, sealedRecord, sealedRecord.ConfigHash!) };
    }
}
