using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// A private certificate authority made in the test (ECDSA P-256, .NET's <c>CertificateRequest</c>) and the PEM files
/// of what it issues, in a temp folder: what <c>scripts/make-certs.sh</c> makes for a real cluster.
/// </summary>
public sealed class TlsTestCertificates : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("r1-tls-");
    private readonly X509Certificate2 _authority;

    public TlsTestCertificates(string name = "Ratio1 Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaFile = Write("ca.crt", _authority.ExportCertificatePem());
    }

    /// <summary>The CA's certificate (PEM), what clients and silos trust.</summary>
    public string CaFile { get; }

    /// <summary>A silo's certificate (server and client authentication), named 127.0.0.1 and localhost.</summary>
    public TlsFiles Silo(string name) => Issue(name, server: true);

    /// <summary>A client's certificate (client authentication only).</summary>
    public TlsFiles Client(string name) => Issue(name, server: false);

    public void Dispose()
    {
        _authority.Dispose();
        _folder.Delete(recursive: true);
    }

    private TlsFiles Issue(string name, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") };
        if (server)
        {
            usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var certificate = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(20), serial);
        return new TlsFiles(Write($"{name}.crt", certificate.ExportCertificatePem()), Write($"{name}.key", key.ExportPkcs8PrivateKeyPem()));
    }

    private string Write(string file, string pem)
    {
        var path = Path.Combine(_folder.FullName, file);
        File.WriteAllText(path, pem);
        return path;
    }
}

/// <summary>A certificate and its private key, as PEM files.</summary>
public sealed record TlsFiles(string CertificateFile, string KeyFile)
{
    /// <summary>The silo switches that give it this certificate and make it trust <paramref name="caFile"/>.</summary>
    public string[] SiloArgs(string caFile, bool mutual = false) =>
        ["--tls-certificate", CertificateFile, "--tls-key", KeyFile, "--tls-ca", caFile, .. mutual ? new[] { "--tls-mutual" } : []];
}
