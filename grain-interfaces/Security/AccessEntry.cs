namespace Ratio1.Orleans.Contracts.Security;

/// <summary>One identity on an allow-list.</summary>
/// <param name="Address">Its address (<c>0xai_...</c>).</param>
/// <param name="Role">What it may do.</param>
/// <param name="Alias">A human name for it (not used for any decision).</param>
/// <param name="GrantedBy">Who granted it (verified address, or the declared name while security was off).</param>
/// <param name="GrantedAt">When.</param>
[GenerateSerializer, Immutable, Alias("r1.access-entry")]
public sealed record AccessEntry(
    [property: Id(0)] string Address,
    [property: Id(1)] AccessRole Role,
    [property: Id(2)] string? Alias,
    [property: Id(3)] string GrantedBy,
    [property: Id(4)] DateTimeOffset GrantedAt);
