using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>
/// A business plugin a node offers, with the rules of its instance keys as data, so that any silo can check an
/// instance's config at deploy (as <see cref="CaptureTypeInfo"/> does for a capture source's keys), even when the node
/// runs elsewhere or is offline.
/// </summary>
/// <param name="Signature">The plugin signature, upper-case (matched case-insensitively).</param>
/// <param name="Description">One line on what the plugin does.</param>
/// <param name="Rules">Rules of its instance keys in their data form (<see cref="ConfigRuleSet.ToMap"/>).</param>
[GenerateSerializer, Immutable, Alias("r1.plugin-type-info")]
public sealed record PluginTypeInfo(
    [property: Id(0)] string Signature,
    [property: Id(1)] string Description,
    [property: Id(2)] ConfigMap Rules)
{
    /// <summary>The rules, ready to check an instance's keys with.</summary>
    public ConfigRuleSet ReadRules() => ConfigRuleSet.FromMap(Rules);
}
