using System.Net;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Puts the silo's Orleans links (silo-to-silo, in and out, and the gateway) under TLS, per <see cref="TlsSettings"/>.</summary>
public static class TlsTransport
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>Loads the certificate and CA, checks they fit, and enables TLS on <paramref name="silo"/>.</summary>
    /// <exception cref="ArgumentException">A file cannot be loaded, or the certificate cannot serve as the settings need.</exception>
    public static ISiloBuilder UseRatio1Tls(this ISiloBuilder silo, TlsSettings settings)
    {
        var credentials = TlsCredentials.Load(settings);
        var certificate = credentials.Certificate;
        if (!Allows(certificate, ServerAuthentication))
        {
            throw new ArgumentException($"TLS certificate '{certificate.Subject}' is not for server authentication (its extended key usage lacks serverAuth)");
        }

        // A silo dials other silos as a TLS client: with mutual TLS its certificate must also serve as a client's.
        if (settings.RequireClientCertificate && !Allows(certificate, ClientAuthentication))
        {
            throw new ArgumentException($"--tls-mutual: TLS certificate '{certificate.Subject}' is not for client authentication (its extended key usage lacks clientAuth), so other silos would refuse it");
        }

        var check = new TlsPeerCheck(credentials.Authorities, settings.SkipNameCheck);
        silo.Services.AddSingleton(check);
        silo.Services.AddHostedService<TlsRefusalLog>();
        var mode = settings.RequireClientCertificate ? RemoteCertificateMode.RequireCertificate : RemoteCertificateMode.AllowCertificate;
        return silo.UseTls(certificate, tls =>
        {
            // Inbound: with mutual TLS a client or silo without a certificate is refused; without it, a certificate
            // presented anyway must still pass the check.
            tls.RemoteCertificateMode = mode;
            tls.ClientCertificateMode = mode;
            tls.RemoteCertificateValidation = check.Validate;
            tls.OnAuthenticateAsClient = (connection, ssl) =>
                ssl.TargetHost = settings.ServerName is { Length: > 0 } name ? name : (connection.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? string.Empty;
        });
    }

    private static bool Allows(X509Certificate2 certificate, string usage)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return usages.Count == 0 || usages.Any(u => u.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == usage));
    }
}
