using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Decides whether the certificate a remote silo or client presents is acceptable: its chain must end at one of the
/// configured authorities (the system's trust store is not consulted then), and, when this silo dials another one,
/// its names must include the name or address dialled (unless the name check is switched off).
/// </summary>
public sealed class TlsPeerCheck(X509Certificate2Collection? authorities, bool skipNameCheck)
{
    /// <summary>Raised with the certificate's subject and the reason, each time a certificate is refused.</summary>
    public event Action<string, string>? Refused;

    /// <summary>The callback given to Orleans' TLS (<c>TlsOptions.RemoteCertificateValidation</c>).</summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Problem(certificate, chain, errors) is not { } reason)
        {
            return true;
        }

        Refused?.Invoke(certificate.Subject, reason);
        return false;
    }

    /// <summary>Why <paramref name="certificate"/> is not acceptable, or null when it is.</summary>
    public string? Problem(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Only set when this side dialled (TargetHost): a server does not check its clients' names.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) && !skipNameCheck)
        {
            return "its names do not include the name or address dialled";
        }

        if (authorities is null)
        {
            return errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? "it is not trusted by the system's trust store" : null;
        }

        return PrivateAuthority.ChainProblem(certificate, chain, authorities) is { } problem
            ? $"it is not issued by the configured CA ({problem})"
            : null;
    }
}
