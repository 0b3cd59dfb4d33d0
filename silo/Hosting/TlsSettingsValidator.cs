using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Checks the <c>Tls</c> section: settings that contradict each other or need a certificate; each failure names its switch or key.</summary>
public sealed class TlsSettingsValidator : IValidateOptions<TlsSettings>
{
    public ValidateOptionsResult Validate(string? name, TlsSettings options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(TlsSettings options)
    {
        if (options.CertificateFile is { Length: > 0 } && options.Thumbprint is { Length: > 0 })
        {
            yield return "--tls-certificate (Tls:CertificateFile) and Tls:Thumbprint are both set; choose one";
        }

        if (!options.IsConfigured)
        {
            foreach (var (setting, _) in new[]
            {
                ("--tls-key (Tls:KeyFile)", options.KeyFile is { Length: > 0 }),
                ("--tls-ca (Tls:CaFile)", options.CaFile is { Length: > 0 }),
                ("--tls-mutual (Tls:RequireClientCertificate)", options.RequireClientCertificate),
                ("Tls:PasswordFile", options.PasswordFile is { Length: > 0 }),
            }.Where(s => s.Item2))
            {
                yield return $"{setting} is set but TLS has no certificate: set --tls-certificate (Tls:CertificateFile) or Tls:StoreName with Tls:Thumbprint";
            }
        }

        if (options.Thumbprint is { Length: > 0 } && options.StoreName is not { Length: > 0 })
        {
            yield return "Tls:Thumbprint needs Tls:StoreName (e.g. My)";
        }

        if (options.StoreLocation is not ("CurrentUser" or "LocalMachine"))
        {
            yield return $"Tls:StoreLocation '{options.StoreLocation}' must be CurrentUser or LocalMachine";
        }

        if (options.SkipNameCheck && options.ServerName is { Length: > 0 })
        {
            yield return "Tls:SkipNameCheck and Tls:ServerName are both set; choose one";
        }
    }
}
