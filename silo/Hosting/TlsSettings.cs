namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// TLS of the silo's Orleans links, silo-to-silo and client-to-gateway (configuration section <c>Tls</c>). TLS is on
/// when a certificate is configured: a file (<see cref="CertificateFile"/>) or a store entry (<see cref="Thumbprint"/>).
/// Keys and passwords come from files, never from the command line.
/// </summary>
public sealed class TlsSettings
{
    public const string SectionName = "Tls";

    /// <summary>The silo's certificate: PEM (certificate, with its key unless <see cref="KeyFile"/>) or PKCS#12 (<c>.pfx</c>, <c>.p12</c>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>, when it is not in the certificate file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>A file holding the password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Certificate store to take the certificate from (e.g. <c>My</c>), with <see cref="Thumbprint"/>.</summary>
    public string? StoreName { get; set; }

    /// <summary>Store location: <c>CurrentUser</c> (default) or <c>LocalMachine</c>.</summary>
    public string StoreLocation { get; set; } = "CurrentUser";

    /// <summary>Thumbprint (SHA-1, hex) of the certificate in <see cref="StoreName"/>.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>
    /// PEM file of the certificate authorities to trust (a private CA): remote certificates must chain to one of them,
    /// and the system's trust store is not used. Without it, the system's trust store decides.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>Mutual TLS: every client and every other silo must present a certificate issued by the trusted CA.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>
    /// The name other silos' certificates must carry when this silo connects to them; default: the address it dials,
    /// which must be in the certificate's subject alternative names.
    /// </summary>
    public string? ServerName { get; set; }

    /// <summary>Accept other silos' certificates whatever names they carry (the chain is still checked). Off by default.</summary>
    public bool SkipNameCheck { get; set; }

    /// <summary>Whether TLS is configured (a certificate is set).</summary>
    public bool IsConfigured => CertificateFile is { Length: > 0 } || Thumbprint is { Length: > 0 };

}
