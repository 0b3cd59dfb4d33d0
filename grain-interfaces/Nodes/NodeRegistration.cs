using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>What a silo tells its node grain when it starts serving that node.</summary>
/// <param name="Alias">Human name (Ratio1's <c>EE_ID</c>), at most 20 characters.</param>
/// <param name="Tags">Free-form node tags (Ratio1's <c>EE_NT_*</c>).</param>
/// <param name="Signatures">Plugin signatures this node can run.</param>
/// <param name="SiloAddress">The Orleans silo serving the node.</param>
/// <param name="Runtime">The runtime executing the node's pipelines, to push changes, commands and inputs to.</param>
/// <param name="CaptureTypes">
/// Capture types this node can run (besides <c>Void</c>), with their key rules; null when the sender does not report
/// them (an older build), in which case deploys to the node cannot check <c>TYPE</c> and capture keys.
/// </param>
/// <param name="Plugins">
/// The plugins of <paramref name="Signatures"/> with the rules of their instance keys; null when the sender does not
/// report them (an older build), in which case deploys to the node check instance keys only when the node runs them.
/// </param>
/// <param name="Reach">
/// What the node's capture sources may reach through a <c>URL</c> (its capture roots and allowed hosts); null when
/// the sender does not report it (an older build), in which case only the node itself checks <c>URL</c>s.
/// </param>
[GenerateSerializer, Immutable, Alias("r1.node-registration")]
public sealed record NodeRegistration(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string Alias,
    [property: Id(2)] ImmutableDictionary<string, string> Tags,
    [property: Id(3)] ImmutableArray<string> Signatures,
    [property: Id(4)] string Version,
    [property: Id(5)] string HostName,
    [property: Id(6)] string SiloAddress,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] INodeRuntime? Runtime = null,
    [property: Id(9)] ImmutableArray<CaptureTypeInfo>? CaptureTypes = null,
    [property: Id(10)] ImmutableArray<PluginTypeInfo>? Plugins = null,
    [property: Id(11)] Reach.CaptureReach? Reach = null);
