using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// The plugins a node registered, with the rules of their instance keys read once, to check an instance's config
/// before it is stored, as <see cref="OfferedCaptureTypes"/> checks a pipeline's capture keys. Signatures match
/// case-insensitively, as the node's catalog resolves them.
/// </summary>
public sealed class OfferedPlugins
{
    /// <summary>What a node that did not report its plugins' rules offers: instance keys are checked when it runs them.</summary>
    public static readonly OfferedPlugins Unknown = new(null);

    private readonly Dictionary<string, ConfigRuleSet>? _rules;

    public OfferedPlugins(ImmutableArray<PluginTypeInfo>? plugins)
    {
        if (plugins is not { IsDefault: false } known)
        {
            return;
        }

        _rules = new Dictionary<string, ConfigRuleSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in known)
        {
            _rules.TryAdd(plugin.Signature, plugin.ReadRules());
        }
    }

    /// <summary>
    /// Adds to <paramref name="errors"/> what is wrong with <paramref name="instance"/>'s keys under
    /// <paramref name="signature"/>'s rules (each key and value named under <paramref name="prefix"/>, as the node
    /// would when it starts the instance). A signature without rules here is left to the signature check.
    /// </summary>
    public void Validate(string signature, InstanceConfig instance, string prefix, ICollection<ConfigError> errors)
    {
        if (_rules?.GetValueOrDefault(signature) is { } rules)
        {
            rules.Validate(instance.Settings, prefix, errors);
        }
    }
}
