namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// A grain method clients may call, and the role it needs on the node the grain belongs to (or on the fleet, for
/// fleet-wide grains). Every method of a client-facing grain interface carries either this or <see cref="InternalAttribute"/>;
/// the silo refuses a client's call to any other method of this platform once security is on.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AccessAttribute(AccessRole role) : Attribute
{
    public AccessRole Role { get; } = role;

    /// <summary>
    /// The method hands out a capability that later calls would use without per-call checks (a direct reference to the
    /// node's runtime), so clients get it only while security is off.
    /// </summary>
    public bool OnlyWhenSecurityOff { get; init; }
}
