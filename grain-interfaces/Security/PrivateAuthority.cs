using System.Security.Cryptography.X509Certificates;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Checks a TLS peer's certificate against a private CA (the one of <c>scripts/make-certs.sh</c>) instead of the
/// system's trust store: silos and clients use the same rule.
/// </summary>
public static class PrivateAuthority
{
    /// <summary>Null when <paramref name="certificate"/> chains to one of <paramref name="authorities"/>, else why not.</summary>
    /// <param name="chain">The chain the TLS stack built, whose intermediates are used.</param>
    public static string? ChainProblem(X509Certificate2 certificate, X509Chain? chain, X509Certificate2Collection authorities)
    {
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private CA publishes no revocation list.
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return own.Build(certificate) ? null : string.Join("; ", own.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
    }
}
