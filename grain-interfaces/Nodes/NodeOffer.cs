using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>
/// What a node registered it offers, read in one call by whoever checks a deploy to it: its plugin signatures, and
/// the rules of its capture types' and plugins' keys as data.
/// </summary>
/// <param name="Signatures">Plugin signatures, upper-case, sorted (empty when the node never registered).</param>
/// <param name="CaptureTypes">Capture types (besides <c>Void</c>) with their key rules; null when not reported.</param>
/// <param name="Plugins">Plugins with their instance-key rules; null when not reported.</param>
/// <param name="Reach">What its capture sources may reach through a <c>URL</c>; null when not reported.</param>
[GenerateSerializer, Immutable, Alias("r1.node-offer")]
public sealed record NodeOffer(
    [property: Id(0)] ImmutableArray<string> Signatures,
    [property: Id(1)] ImmutableArray<CaptureTypeInfo>? CaptureTypes,
    [property: Id(2)] ImmutableArray<PluginTypeInfo>? Plugins,
    [property: Id(3)] Reach.CaptureReach? Reach = null);
