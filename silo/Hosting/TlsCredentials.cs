using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>The silo's TLS certificate (with its private key) and the authorities it trusts, loaded from <see cref="TlsSettings"/>.</summary>
public sealed record TlsCredentials(X509Certificate2 Certificate, X509Certificate2Collection? Authorities)
{
    /// <summary>Loads what <paramref name="settings"/> name.</summary>
    /// <exception cref="ArgumentException">A file is missing or unreadable, or the certificate has no private key; the message names the setting and the file, never a password.</exception>
    public static TlsCredentials Load(TlsSettings settings)
    {
        var certificate = settings.Thumbprint is { Length: > 0 } thumbprint ? FromStore(settings, thumbprint) : FromFile(settings);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"TLS certificate {Describe(settings)} has no private key: give it with --tls-key (Tls:KeyFile) or use a PKCS#12 file");
        }

        var authorities = settings.CaFile is { Length: > 0 } caFile ? LoadAuthorities(caFile, "--tls-ca (Tls:CaFile)") : null;
        return new TlsCredentials(certificate, authorities);
    }

    /// <summary>Reads every certificate of a PEM file.</summary>
    /// <exception cref="ArgumentException">The file is missing, unreadable or holds no certificate.</exception>
    public static X509Certificate2Collection LoadAuthorities(string file, string setting)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"{setting} '{file}': cannot read the CA certificates: {e.Message}", e);
        }

        return authorities.Count > 0 ? authorities : throw new ArgumentException($"{setting} '{file}' holds no PEM certificate");
    }

    private static X509Certificate2 FromFile(TlsSettings settings)
    {
        var file = settings.CertificateFile!;
        try
        {
            var password = settings.PasswordFile is { Length: > 0 } passwordFile ? File.ReadAllText(passwordFile).TrimEnd('\r', '\n') : null;
            if (Path.GetExtension(file).ToLowerInvariant() is ".pfx" or ".p12")
            {
                return X509CertificateLoader.LoadPkcs12FromFile(file, password);
            }

            var keyFile = settings.KeyFile is { Length: > 0 } key ? key : null;
            return password is null
                ? X509Certificate2.CreateFromPemFile(file, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(file, password, keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"TLS certificate {Describe(settings)}: cannot load it: {e.Message}", e);
        }
    }

    private static X509Certificate2 FromStore(TlsSettings settings, string thumbprint)
    {
        var location = Enum.Parse<StoreLocation>(settings.StoreLocation);
        using var store = new X509Store(settings.StoreName!, location);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"Tls:StoreName '{settings.StoreName}' ({location}) cannot be opened: {e.Message}", e);
        }

        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
        return found.Count > 0 ? found[0] : throw new ArgumentException($"Tls:Thumbprint '{thumbprint}': no such certificate in store '{settings.StoreName}' ({location})");
    }

    private static string Describe(TlsSettings settings) =>
        settings.Thumbprint is { Length: > 0 } thumbprint ? $"Tls:Thumbprint '{thumbprint}'" : $"--tls-certificate (Tls:CertificateFile) '{settings.CertificateFile}'";
}
