using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// The capture types a node registered, with their key rules read once, to check a pipeline's <c>TYPE</c> and capture
/// keys before it is stored. Types match case-insensitively, as the node's catalog resolves them. <c>Void</c> (no
/// source) is always offered.
/// </summary>
public sealed class OfferedCaptureTypes
{
    /// <summary>What a node that did not report its capture types offers: nothing can be checked before it runs the pipeline.</summary>
    public static readonly OfferedCaptureTypes Unknown = new(null);

    private readonly Dictionary<string, ConfigRuleSet>? _rules;

    public OfferedCaptureTypes(ImmutableArray<CaptureTypeInfo>? types)
    {
        if (types is not { IsDefault: false } known)
        {
            return;
        }

        _rules = new Dictionary<string, ConfigRuleSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in known)
        {
            _rules.TryAdd(type.Type, type.ReadRules());
        }

        Names = [CaptureTypes.Void, .. _rules.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the node reported its capture types (false for a node registered by an older build).</summary>
    public bool IsKnown => _rules is not null;

    /// <summary><c>Void</c> then the offered types, sorted (empty when not known).</summary>
    public ImmutableArray<string> Names { get; } = [];

    /// <summary>
    /// Adds to <paramref name="errors"/> what is wrong with <paramref name="config"/>'s <c>TYPE</c> (not offered by
    /// <paramref name="node"/>) or with its capture keys (each key and value named, as the source would at start).
    /// </summary>
    public void Validate(string node, PipelineConfig config, ICollection<ConfigError> errors)
    {
        if (_rules is null || string.Equals(config.Type, CaptureTypes.Void, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!_rules.TryGetValue(config.Type, out var rules))
        {
            errors.Add(new ConfigError(PipelineKeys.Type, ConfigValue.FromString(config.Type).ToJson(),
                $"node '{node}' has no capture type '{config.Type}'; it offers {string.Join(", ", Names)}"));
            return;
        }

        rules.Validate(config.Settings, string.Empty, errors);
    }
}
