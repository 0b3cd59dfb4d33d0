using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>
/// How the dashboard's sessions reach the cluster (gateways, TLS, traffic provider, cluster ids), as its host says: a
/// silo points them at its own gateway on loopback; the standalone host at <c>--gateway</c>.
/// </summary>
public sealed class DashboardConnection(Action<Ratio1SessionOptions> configure)
{
    /// <summary>Session options for one caller: the host's connection settings, then the caller's name and identity.</summary>
    public Ratio1SessionOptions For(string clientName, string? identityFile)
    {
        var options = new Ratio1SessionOptions();
        configure(options);
        options.ClientName = clientName;
        // Without a file the session falls back to R1_IDENTITY_FILE / R1_IDENTITY_PEM of the process, as any client does.
        options.Identity = identityFile is null ? null : Contracts.Security.Ratio1Identity.Load(identityFile);
        options.IdentityFile = null;
        return options;
    }
}
