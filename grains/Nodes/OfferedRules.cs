using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// The rules a node registered for the names it offers, capture <c>TYPE</c>s or plugin signatures alike, read once and
/// matched case-insensitively, as the node's catalog resolves them.
/// </summary>
public sealed class OfferedRules
{
    /// <summary>What a node that did not report its rules offers: nothing can be checked before it runs the pipeline.</summary>
    public static readonly OfferedRules Unknown = new(null);

    private readonly Dictionary<string, ConfigRuleSet>? _rules;

    public OfferedRules(IEnumerable<(string Name, ConfigMap Rules)>? offered)
    {
        if (offered is null)
        {
            return;
        }

        _rules = new Dictionary<string, ConfigRuleSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, rules) in offered)
        {
            _rules.TryAdd(name, ConfigRuleSet.FromMap(rules));
        }

        Names = [.. _rules.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the node reported these rules (false for a node registered by an older build).</summary>
    public bool IsKnown => _rules is not null;

    /// <summary>The names offered, sorted (empty when not known).</summary>
    public ImmutableArray<string> Names { get; } = [];

    /// <summary>The rules of <paramref name="name"/>, or null when it is not offered or nothing is known.</summary>
    public ConfigRuleSet? Find(string name) => _rules?.GetValueOrDefault(name);
}
