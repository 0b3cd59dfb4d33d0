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

        // The Orleans Dashboard's grains show every grain's keys and statistics, the silos' details and logs, and read
        // grain state by calling other grains from inside the cluster (past these checks): with security on, only a
        // fleet admin's client (a standalone dashboard host) may call them. The silo's own dashboard is not a client.
        // Orleans' management grain does the same for the whole cluster (hosts, activations, forced collections,
        // provider commands): fleet admin too.
        if (contract.Namespace?.StartsWith(OrleansDashboardNamespace, StringComparison.Ordinal) == true || (contract.Name == "IManagementGrain" && contract.Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true))
        {
            return new CallRule(CallKind.Client, AccessRole.Admin, false, action);
        }

        return new CallRule(CallKind.Runtime, AccessRole.None, false, action);
    }

    /// <summary>The namespace of the Orleans Dashboard's grain contracts (<c>Microsoft.Orleans.Dashboard</c>).</summary>
    public const string OrleansDashboardNamespace = "Orleans.Dashboard";
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
