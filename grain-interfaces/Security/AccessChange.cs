namespace Ratio1.Orleans.Contracts.Security;

/// <summary>One change of an allow-list, as audited: who changed what, with the signed request that asked for it.</summary>
/// <param name="Sequence">1 for the first change of this allow-list, then +1.</param>
/// <param name="Action"><c>grant</c> or <c>revoke</c>.</param>
/// <param name="Address">The identity granted or revoked.</param>
/// <param name="Role">The role granted (<see cref="AccessRole.None"/> for a revoke).</param>
/// <param name="ChangedBy">The verified signer, or the declared name of an unsigned request while security was off.</param>
/// <param name="Verified">Whether <paramref name="ChangedBy"/> comes from a verified signature.</param>
/// <param name="ChangedAt">When.</param>
/// <param name="RequestDocument">The signed request as verified (a Ratio1 signed message), or null when unsigned.</param>
[GenerateSerializer, Immutable, Alias("r1.access-change")]
public sealed record AccessChange(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Action,
    [property: Id(2)] string Address,
    [property: Id(3)] AccessRole Role,
    [property: Id(4)] string ChangedBy,
    [property: Id(5)] bool Verified,
    [property: Id(6)] DateTimeOffset ChangedAt,
    [property: Id(7)] string? RequestDocument);
