using System.Reflection;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>What a grain method asks of a client that calls it, read once from its contract.</summary>
/// <param name="Kind">Whose method it is and whether clients may call it.</param>
/// <param name="Role">The role it needs (for <see cref="CallKind.Client"/> and <see cref="CallKind.Subscription"/>).</param>
/// <param name="OnlyWhenSecurityOff">See <see cref="AccessAttribute.OnlyWhenSecurityOff"/>.</param>
/// <param name="Action">Its action name in signed documents and messages.</param>
public sealed record CallRule(CallKind Kind, AccessRole Role, bool OnlyWhenSecurityOff, string Action)
{
    public static CallRule For(MethodInfo method, string action)
    {
        var contract = method.DeclaringType!;
        if (contract.Namespace?.StartsWith("Ratio1.", StringComparison.Ordinal) == true)
        {
            return method.GetCustomAttribute<AccessAttribute>() is { } access
                ? new CallRule(CallKind.Client, access.Role, access.OnlyWhenSecurityOff, action)
                : new CallRule(CallKind.Internal, AccessRole.Admin, false, action);
        }

        // Orleans' stream pub-sub: a client subscribing to traffic registers itself as a consumer there.
        if (contract.Name == "IPubSubRendezvousGrain")
        {
            return method.Name.Contains("Producer", StringComparison.Ordinal)
                ? new CallRule(CallKind.Internal, AccessRole.Admin, false, action)
                : new CallRule(CallKind.Subscription, AccessRole.Viewer, false, action);
        }

        return new CallRule(CallKind.Runtime, AccessRole.None, false, action);
    }
}

/// <summary>Whose method a call is.</summary>
public enum CallKind
{
    /// <summary>A method of this platform clients may call (<see cref="AccessAttribute"/>).</summary>
    Client,

    /// <summary>A method of this platform only the cluster calls: refused to clients once security is on.</summary>
    Internal,

    /// <summary>A traffic subscription (Orleans' stream pub-sub): needs the viewer role on the stream's node.</summary>
    Subscription,

    /// <summary>Orleans' own machinery a client uses (cluster manifest, gateway lists): not this platform's to gate.</summary>
    Runtime,
}
