using System.Collections.Frozen;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// Ratio1's <c>PATH_FILTER</c>: <c>[node, pipeline, signature, instance]</c>, each element null (any), a string, or a
/// list of strings (any of). Compared case-insensitively, as Ratio1 upper-cases both sides.
/// </summary>
internal sealed class PayloadPathFilter
{
    public const string Key = "PATH_FILTER";

    private readonly FrozenSet<string>?[] _segments;

    private PayloadPathFilter(FrozenSet<string>?[] segments) => _segments = segments;

    /// <summary>
    /// The filter a <c>PATH_FILTER</c> value describes. Its shape is checked by the key's rule
    /// (<c>NetworkListenerCapture.NetworkListenerConfig.PathFilterRule</c>) before the source runs, at deploy and at start.
    /// </summary>
    public static PayloadPathFilter From(ConfigValue value) =>
        new([.. value.Items.Select(element => element.Kind switch
        {
            ConfigValueKind.String => new[] { element.AsString() }.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            ConfigValueKind.Array => element.Items.Select(n => n.AsString()).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            _ => null,
        })]);

    /// <summary>Whether payloads of <paramref name="node"/> can match (used to skip listing other nodes).</summary>
    public bool MatchesNode(string node) => Matches(0, node);

    /// <summary>Whether payloads of the pipeline can match (used to join only the streams that can).</summary>
    public bool MatchesPipeline(string node, string pipeline) => Matches(0, node) && Matches(1, pipeline);

    public bool Matches(MessageEnvelope path) =>
        Matches(0, path.NodeId) && Matches(1, path.Pipeline) && Matches(2, path.Signature) && Matches(3, path.InstanceId);

    private bool Matches(int index, string? value) => _segments[index] is not { } allowed || (value is not null && allowed.Contains(value));
}
