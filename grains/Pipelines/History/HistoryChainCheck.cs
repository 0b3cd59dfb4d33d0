using System.Text.Json;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Grains.Persistence;

namespace Ratio1.Orleans.Grains.Pipelines.History;

/// <summary>
/// Walks one pipeline's stored versions oldest first and checks each against the chain: nothing missing, its config
/// hash, its record hash, its link to the version before and, when signed, its request. Stops at the first version
/// that does not check out and says why.
/// </summary>
/// <param name="pipelineKey">The pipeline grain's key.</param>
/// <param name="pipelineDestination">The <c>EE_DEST</c> of a request signed for this pipeline (its grain id).</param>
/// <param name="nodeDestination">The <c>EE_DEST</c> of a request signed for its node (node-wide archive and batch updates).</param>
internal sealed class HistoryChainCheck(string pipelineKey, string pipelineDestination, string nodeDestination)
{
    private readonly string _pipelineName = GrainKeys.ParsePipeline(pipelineKey).Pipeline;
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private int _expected = 1;
    private string _link = HistoryHashes.Genesis;
    private PipelineRevisionRecord? _last;
    private int? _firstChained;
    private int _checked;
    private int _signed;
    private int _unchained;

    /// <summary>The verdict once a version did not check out; null while the chain holds.</summary>
    public HistoryVerification? Broken { get; private set; }

    /// <summary>Checks the next stored version (its JSON as stored). False once the chain is broken.</summary>
    public bool Add(string storedJson)
    {
        if (Broken is not null)
        {
            return false;
        }

        _checked++;
        PipelineRevisionRecord record;
        try
        {
            record = JsonSerializer.Deserialize(storedJson, GrainStateJsonContext.Default.PipelineRevisionRecord)
                ?? throw new JsonException("the record is null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or InvalidConfigException)
        {
            return Break(_expected, $"its stored record cannot be read ({e.Message})");
        }

        if (record.Version != _expected)
        {
            return Break(_expected, record.Version > _expected
                ? $"it is missing from the history (the next stored version is {record.Version})"
                : $"the record stored after version {_expected - 1} says it is version {record.Version}");
        }

        if (Check(record) is { } problem)
        {
            return Break(record.Version, problem);
        }

        _link = HistoryHashes.LinkOf(pipelineKey, record);
        _last = record;
        _expected++;
        return true;
    }

    /// <summary>
    /// The verdict after the last stored version: the chain must end at <paramref name="head"/>, the pipeline's
    /// current version, so a history cut short or extended is caught too.
    /// </summary>
    public HistoryVerification Finish(PipelineRevisionRecord head)
    {
        if (Broken is { } broken)
        {
            return broken;
        }

        if (_last is null || _last.Version < head.Version)
        {
            Break(_expected, $"it is missing from the history (the pipeline is at version {head.Version})");
            return Broken!;
        }

        if (_last.Version > head.Version)
        {
            Break(head.Version + 1, $"the history holds versions up to {_last.Version} but the pipeline is at version {head.Version}");
            return Broken!;
        }

        if (_link != HistoryHashes.LinkOf(pipelineKey, head))
        {
            Break(head.Version, "the version in the history differs from the pipeline's current version");
            return Broken!;
        }

        return new HistoryVerification(true, _checked, null, null, _signed, _unchained, _link);
    }

    private string? Check(PipelineRevisionRecord record)
    {
        if (record.RecordHash is null)
        {
            // Stored before chaining existed: allowed only before the first chained version, so stripping a
            // version's hashes cannot pass it off as an old one.
            if (_firstChained is { } first)
            {
                return $"it carries no record hash, though version {first} before it does";
            }

            _unchained++;
            return null;
        }

        _firstChained ??= record.Version;
        var configHash = HistoryHashes.Config(record.Config);
        if (configHash != record.ConfigHash)
        {
            return "its config does not match its config hash (the config was changed after it was recorded)";
        }

        if (HistoryHashes.Record(pipelineKey, record, configHash) != record.RecordHash)
        {
            return "its record hash does not match its contents (the signer, action, time or another field was changed after it was recorded)";
        }

        if (record.PreviousHash != _link)
        {
            return record.Version == 1 || _last is null
                ? "its previous hash is not the start of a chain"
                : $"its previous hash does not match the record hash of version {_last.Version} (a version before it was changed, removed or replaced)";
        }

        return record.Verified ? CheckSigned(record) : null;
    }

    private string? CheckSigned(PipelineRevisionRecord record)
    {
        if (record.Request is null || record.RequestHash is null || record.Signature is null)
        {
            return "it is marked signed but does not carry its signed request";
        }

        JsonObject document;
        try
        {
            document = JsonNode.Parse(record.Request) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            return $"its signed request is not a JSON object ({e.Message})";
        }

        var (valid, sender, failure) = RequestSignatureCheck.Verify(document);
        if (!valid)
        {
            return $"its signed request does not verify: {failure}";
        }

        if (sender != record.ChangedBy)
        {
            return $"its signed request was signed by {sender}, not by the recorded signer {record.ChangedBy}";
        }

        if (Text(document, "EE_HASH") != record.RequestHash || Text(document, "EE_SIGN") != record.Signature)
        {
            return "its recorded request hash or signature is not the one of its signed request";
        }

        var destination = Text(document, "EE_DEST");
        if (destination != pipelineDestination && destination != nodeDestination)
        {
            return $"its signed request is addressed to '{destination}', not to this pipeline or its node";
        }

        var method = Text(document, "ACTION") is { } action ? action[(action.LastIndexOf('/') + 1)..] : null;
        if (!SignedActions.Allows(record.Action, method))
        {
            return $"its signed request is a '{method}', which cannot make a {record.Action} version";
        }

        // One signed request makes one version; only the undo of a failed node-wide batch repeats it, as a rollback.
        if (_requests.TryGetValue(record.RequestHash, out var earlier) && record.Action != PipelineAction.Rollback)
        {
            return $"its signed request was already used by version {earlier}";
        }

        _requests.TryAdd(record.RequestHash, record.Version);
        if (destination == pipelineDestination && SignedConfig(document, method, record.Action) is { } signed)
        {
            try
            {
                if (!SameUnderSigningCanon(PipelineConfig.FromMap(WithName(signed)), record.Config))
                {
                    return "its config is not the config of its signed request";
                }
            }
            catch (Exception e) when (e is InvalidConfigException or JsonException or FormatException)
            {
                return $"the config in its signed request cannot be read ({e.Message})";
            }
        }

        _signed++;
        return null;
    }

    // Changes that carry the whole config: replace-config always, update-config when it created (or revived) the pipeline.
    private static ConfigMap? SignedConfig(JsonObject document, string? method, PipelineAction action)
    {
        var parameter = (method, action) switch
        {
            ("replace-config", PipelineAction.Create or PipelineAction.UpdateConfig) => "document",
            ("update-config", PipelineAction.Create) => "payload",
            _ => null,
        };

        if (parameter is null || document["PAYLOAD"] is not JsonObject payload)
        {
            return null;
        }

        return payload[parameter] switch
        {
            JsonObject config => ConfigMap.Parse(config.ToJsonString()),
            JsonValue value when value.TryGetValue<string>(out var text) => ConfigMap.Parse(text),
            var other => throw new JsonException($"PAYLOAD.{parameter} is {other?.GetValueKind().ToString() ?? "missing"}, not a config object"),
        };
    }

    // The signed document holds the config in the signing canon, which rewrites number literals as Python does
    // (1.50 as 1.5); the stored config keeps them as written. Both are compared in the signing canon.
    private static bool SameUnderSigningCanon(PipelineConfig signed, PipelineConfig stored) =>
        CanonicalJson.ToUtf8(JsonNode.Parse(signed.ToJson()), SignCanon.V2).AsSpan().SequenceEqual(CanonicalJson.ToUtf8(JsonNode.Parse(stored.ToJson()), SignCanon.V2));

    // The pipeline grain adds its own NAME to a document that omits it.
    private ConfigMap WithName(ConfigMap document) =>
        document.ContainsKey(PipelineKeys.Name) ? document : ConfigMap.Empty.SetItem(PipelineKeys.Name, _pipelineName).SetItems(document);

    private static string? Text(JsonObject document, string key) =>
        document[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private bool Break(int version, string reason)
    {
        Broken = new HistoryVerification(false, _checked, version, reason, _signed, _unchained);
        return false;
    }
}
