using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>The allow-list of one node, or of the fleet (<see cref="Scope"/> <c>*</c>), with its audited changes.</summary>
/// <param name="Scope">The node id, or <c>*</c> for the fleet-wide default.</param>
/// <param name="Entries">Who may do what, by address.</param>
/// <param name="Changes">Every change, oldest first (the last 1,000).</param>
[GenerateSerializer, Immutable, Alias("r1.access-list")]
public sealed record AccessList(
    [property: Id(0)] string Scope,
    [property: Id(1)] ImmutableArray<AccessEntry> Entries,
    [property: Id(2)] ImmutableArray<AccessChange> Changes);
