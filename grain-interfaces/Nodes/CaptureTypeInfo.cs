using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>
/// A capture source (pipeline <c>TYPE</c>) a node offers, with the rules of its keys as data, so that any silo can
/// check a pipeline's capture keys at deploy, even when the node runs elsewhere or is offline.
/// </summary>
/// <param name="Type">The <c>TYPE</c> value, matched case-insensitively.</param>
/// <param name="Description">One line on what the source captures.</param>
/// <param name="Rules">Rules of its pipeline-level keys in their data form (<see cref="ConfigRuleSet.ToMap"/>).</param>
[GenerateSerializer, Immutable, Alias("r1.capture-type-info")]
public sealed record CaptureTypeInfo(
    [property: Id(0)] string Type,
    [property: Id(1)] string Description,
    [property: Id(2)] ConfigMap Rules)
{
    /// <summary>The rules, ready to check a pipeline's keys with.</summary>
    public ConfigRuleSet ReadRules() => ConfigRuleSet.FromMap(Rules);
}
