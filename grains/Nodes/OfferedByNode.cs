using System.Collections.Immutable;
using System.Net;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Reach;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// What a node offers (<see cref="NodeOffer"/>) with its rules read once, to check a pipeline before it is stored:
/// its <c>TYPE</c> and capture keys, its signatures, and its instances' keys, each named as the node would name it.
/// </summary>
public sealed class OfferedByNode
{
    /// <summary>What a node that never registered offers.</summary>
    public static readonly OfferedByNode Nothing = new(new NodeOffer([], null, null));

    public OfferedByNode(NodeOffer offer)
    {
        Signatures = offer.Signatures.IsDefault ? [] : offer.Signatures;
        CaptureTypes = offer.CaptureTypes is { IsDefault: false } captures ? new OfferedRules(captures.Select(c => (c.Type, c.Rules))) : OfferedRules.Unknown;
        Plugins = offer.Plugins is { IsDefault: false } plugins ? new OfferedRules(plugins.Select(p => (p.Signature, p.Rules))) : OfferedRules.Unknown;
        Reach = offer.Reach;
    }

    /// <summary>What the node's capture sources may reach through a <c>URL</c>; null when the node did not report it.</summary>
    public CaptureReach? Reach { get; }

    /// <summary>Plugin signatures, upper-case, sorted.</summary>
    public ImmutableArray<string> Signatures { get; }

    /// <summary>Capture types (besides <c>Void</c>, always offered) with their key rules.</summary>
    public OfferedRules CaptureTypes { get; }

    /// <summary>Plugins with the rules of their instance keys.</summary>
    public OfferedRules Plugins { get; }

    /// <summary>
    /// Adds to <paramref name="errors"/> what is wrong with <paramref name="config"/>'s <c>TYPE</c> (not offered by
    /// <paramref name="node"/>) or with its capture keys (each key and value named, as the source would at start).
    /// </summary>
    public void ValidateCapture(string node, PipelineConfig config, ICollection<ConfigError> errors)
    {
        if (!CaptureTypes.IsKnown || string.Equals(config.Type, Contracts.Pipelines.CaptureTypes.Void, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (CaptureTypes.Find(config.Type) is not { } rules)
        {
            errors.Add(new ConfigError(PipelineKeys.Type, ConfigValue.FromString(config.Type).ToJson(),
                $"node '{node}' has no capture type '{config.Type}'; it offers {string.Join(", ", [Contracts.Pipelines.CaptureTypes.Void, .. CaptureTypes.Names])}"));
            return;
        }

        rules.Validate(config.Settings, string.Empty, errors);
    }

    /// <summary>
    /// Adds to <paramref name="errors"/> a <c>URL</c> of <paramref name="config"/> the node would not capture from: a
    /// path outside its capture roots (judged as text, so the error is the same whether the path exists), or a network
    /// URL with another scheme or to a host it does not allow (names resolved here and every address checked).
    /// </summary>
    public async Task ValidateReachAsync(PipelineConfig config, ICollection<ConfigError> errors, CancellationToken cancellationToken)
    {
        if (Reach is null || string.Equals(config.Type, Contracts.Pipelines.CaptureTypes.Void, StringComparison.OrdinalIgnoreCase)
            || config.Settings.GetValueOrDefault(PipelineKeys.Url) is not { Kind: ConfigValueKind.String } value)
        {
            return;
        }

        var url = value.AsString();
        if (await Reach.CheckAsync(url, resolveLinks: false, Dns.GetHostAddressesAsync, cancellationToken) is { } problem)
        {
            errors.Add(new ConfigError(PipelineKeys.Url, value.ToJson(), problem));
        }
    }

    /// <summary>
    /// Adds to <paramref name="errors"/> what is wrong with <paramref name="instance"/>'s keys under
    /// <paramref name="signature"/>'s rules (each key and value named under <paramref name="prefix"/>). A signature
    /// without rules here is left to the signature check.
    /// </summary>
    public void ValidateInstance(string signature, InstanceConfig instance, string prefix, ICollection<ConfigError> errors) =>
        Plugins.Find(signature)?.Validate(instance.Settings, prefix, errors);
}
