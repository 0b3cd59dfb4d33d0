using Orleans.Concurrency;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// The allow-list of one node (key: <c>GrainKeys.Access(nodeId)</c>) or the fleet-wide default
/// (<c>GrainKeys.FleetAccess</c>). On a node, an identity's entry there decides its role; an identity without one
/// gets its fleet-wide role. The silo's configured admins (<c>Security:Admins</c>) are admins everywhere and need no
/// entry. Every change is audited with the verified signer and its signed request.
/// </summary>
[Alias("r1.IAccessGrain")]
public interface IAccessGrain : IGrainWithStringKey
{
    /// <summary>The allow-list and its changes.</summary>
    [Alias("get"), Access(AccessRole.Viewer)]
    Task<AccessList> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives <paramref name="address"/> <paramref name="role"/> here (replacing the role it had). Takes effect on its next call.</summary>
    [Alias("grant"), Access(AccessRole.Admin)]
    Task<AccessList> GrantAsync(string address, AccessRole role, string? alias = null, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="address"/> from the list. Takes effect on its next call; false when it was not on it.</summary>
    [Alias("revoke"), Access(AccessRole.Admin)]
    Task<bool> RevokeAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>The role <paramref name="address"/> holds here, the fleet-wide default included (for the silos' request checks).</summary>
    [Alias("resolve"), Internal, AlwaysInterleave, ReadOnly]
    Task<AccessRole> ResolveAsync(string address, CancellationToken cancellationToken = default);
}
