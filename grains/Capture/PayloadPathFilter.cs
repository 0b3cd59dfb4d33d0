using System.Collections.Frozen;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Grains.Capture;

/// <summary>
/// Ratio1's <c>PATH_FILTER</c>: <c>[node, pipeline, signature, instance]</c>, each element null (any), a string, or a
/// list of strings (any of). Compared case-insensitively, as Ratio1 upper-cases both sides.
/// </summary>
internal sealed class PayloadPathFilter
{
    public const string Key = "PATH_FILTER";

    private const string Shape = "expected a list [node, pipeline, signature, instance] of 4 elements, each null (any), a string or a list of strings (any of)";

    private readonly FrozenSet<string>?[] _segments;

    private PayloadPathFilter(FrozenSet<string>?[] segments) => _segments = segments;

    /// <summary>Reads a <c>PATH_FILTER</c> value; each problem is added to <paramref name="errors"/> (and null returned).</summary>
    public static PayloadPathFilter? Read(ConfigValue value, ICollection<ConfigError> errors)
    {
        if (value.Kind != ConfigValueKind.Array)
        {
            errors.Add(new ConfigError(Key, ConfigJson.Shorten(value.ToJson()), Shape));
            return null;
        }

        if (value.Items.Length != 4)
        {
            errors.Add(new ConfigError(Key, ConfigJson.Shorten(value.ToJson()), $"has {value.Items.Length} elements; {Shape}"));
            return null;
        }

        var segments = new FrozenSet<string>?[4];
        var valid = true;
        for (var i = 0; i < 4; i++)
        {
            var element = value.Items[i];
            if (element.IsNull)
            {
                continue;
            }

            var names = element.Kind switch
            {
                ConfigValueKind.String => [element],
                ConfigValueKind.Array => element.Items,
                _ => default,
            };
            if (names.IsDefault || names.IsEmpty || names.Any(n => n.Kind != ConfigValueKind.String))
            {
                var reason = names is { IsDefault: false, IsEmpty: true }
                    ? "is an empty list, which would match nothing; use null for any"
                    : "expected null (any), a string or a list of strings (any of)";
                errors.Add(new ConfigError($"{Key}[{i}]", ConfigJson.Shorten(element.ToJson()), reason));
                valid = false;
                continue;
            }

            segments[i] = names.Select(n => n.AsString()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        }

        return valid ? new PayloadPathFilter(segments) : null;
    }

    /// <summary>Whether payloads of <paramref name="node"/> can match (used to skip listing other nodes).</summary>
    public bool MatchesNode(string node) => Matches(0, node);

    /// <summary>Whether payloads of the pipeline can match (used to join only the streams that can).</summary>
    public bool MatchesPipeline(string node, string pipeline) => Matches(0, node) && Matches(1, pipeline);

    public bool Matches(MessageEnvelope path) =>
        Matches(0, path.NodeId) && Matches(1, path.Pipeline) && Matches(2, path.Signature) && Matches(3, path.InstanceId);

    private bool Matches(int index, string? value) => _segments[index] is not { } allowed || (value is not null && allowed.Contains(value));
}
