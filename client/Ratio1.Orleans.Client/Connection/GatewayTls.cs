using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// TLS of this client's links to the gateways (<see cref="Ratio1SessionOptions.UseTls"/> and the <c>Tls*</c>
/// settings): the gateway's certificate must chain to the configured CA (not the system's trust store) and carry the
/// name or address dialled; with mutual TLS the client presents its own certificate. Remembers why the last handshake
/// failed, so that a refused connection fails at once and says why instead of retrying until the timeout.
/// </summary>
internal sealed class GatewayTls
{
    private const string HandshakeDone = "ratio1.tls.handshake-done";

    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2Collection? _authorities;
    private readonly string? _serverName;
    private readonly bool _skipNameCheck;
    private volatile string? _refusal;

    private GatewayTls(X509Certificate2? certificate, X509Certificate2Collection? authorities, string? serverName, bool skipNameCheck)
    {
        _certificate = certificate;
        _authorities = authorities;
        _serverName = serverName;
        _skipNameCheck = skipNameCheck;
    }

    /// <summary>Why the last TLS handshake with a gateway failed, or null.</summary>
    public string? Refusal => _refusal;

    /// <summary>The TLS settings of <paramref name="options"/> loaded, or null when the session does not use TLS.</summary>
    /// <exception cref="ArgumentException">A file cannot be read or holds no usable certificate; the message names the option and the file.</exception>
    public static GatewayTls? From(Ratio1SessionOptions options)
    {
        if (!options.TlsEnabled)
        {
            return null;
        }

        if (options.TlsSkipNameCheck && options.TlsServerName is { Length: > 0 })
        {
            throw new ArgumentException($"{nameof(Ratio1SessionOptions.TlsSkipNameCheck)} and {nameof(Ratio1SessionOptions.TlsServerName)} are both set; choose one.");
        }

        var authorities = options.ResolveTlsCaFile() is { } caFile ? LoadAuthorities(caFile) : null;
        var certificate = options.ResolveTlsCertificateFile() is { } certificateFile
            ? LoadCertificate(certificateFile, options.ResolveTlsKeyFile(), options.TlsPasswordFile)
            : null;
        return new GatewayTls(certificate, authorities, options.TlsServerName, options.TlsSkipNameCheck);
    }

    /// <summary>Puts the client's gateway connections under TLS.</summary>
    public void Apply(IClientBuilder client)
    {
        // Orleans' TLS step ends a connection whose handshake failed without telling why; a step around it notices,
        // and one inside it marks the handshakes that succeeded.
        client.Configure<ClientConnectionOptions>(o => o.ConfigureConnection(connection => connection.Use(next => async context =>
        {
            await next(context);
            if (!context.Items.ContainsKey(HandshakeDone) && _refusal is null)
            {
                _refusal = Closed(context);
            }
        })));
        client.UseTls(tls =>
        {
            tls.LocalCertificate = _certificate;
            tls.ClientCertificateMode = _certificate is null ? RemoteCertificateMode.NoCertificate : RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = Validate;
            tls.OnAuthenticateAsClient = (connection, ssl) =>
                ssl.TargetHost = _serverName is { Length: > 0 } name ? name : (connection.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? string.Empty;
        });
        client.Configure<ClientConnectionOptions>(o => o.ConfigureConnection(connection => connection.Use(next => async context =>
        {
            context.Items[HandshakeDone] = true;
            try
            {
                await next(context);
            }
            catch (Exception e) when (ClosedBeforeOrleansSpoke(e) && _refusal is null)
            {
                // With TLS 1.3 the client's handshake ends before the server has checked the client's certificate: a
                // refused client learns it when the gateway closes the link before its first Orleans bytes.
                _refusal = Closed(context);
                throw;
            }
        })));
    }

    private string Closed(ConnectionContext context) =>
        $"the gateway at {context.RemoteEndPoint} ended the TLS connection: it does not speak TLS, or it refused this client "
        + (_certificate is null
            ? "(with mutual TLS it requires a client certificate issued by its CA: TlsCertificateFile, r1ctl --tls-certificate)"
            : $"(its CA did not issue this client's certificate '{_certificate.Subject}')");

    // Orleans' preamble read fails so when the other side closes before sending its own preamble.
    private static bool ClosedBeforeOrleansSpoke(Exception e) =>
        e is InvalidOperationException { Message: "Connection terminated prematurely" }
        || (e is IOException && e.InnerException is System.Security.Authentication.AuthenticationException);

    private bool Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var problem = Problem(certificate, chain, errors);
        if (problem is not null)
        {
            _refusal = $"the gateway's TLS certificate '{certificate.Subject}' was refused: {problem}";
        }

        return problem is null;
    }

    private string? Problem(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) && !_skipNameCheck)
        {
            return _serverName is { Length: > 0 }
                ? $"its names do not include '{_serverName}' ({nameof(Ratio1SessionOptions.TlsServerName)})"
                : $"its names do not include the gateway's address (set {nameof(Ratio1SessionOptions.TlsServerName)} to the name it carries)";
        }

        if (_authorities is null)
        {
            return errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
                ? $"it is not trusted by the system's trust store (give the silos' CA: {nameof(Ratio1SessionOptions.TlsCaFile)}, r1ctl --tls-ca)"
                : null;
        }

        return PrivateAuthority.ChainProblem(certificate, chain, _authorities) is { } problem
            ? $"it is not issued by the CA of {nameof(Ratio1SessionOptions.TlsCaFile)} ({problem})"
            : null;
    }

    private static X509Certificate2Collection LoadAuthorities(string file)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"{nameof(Ratio1SessionOptions.TlsCaFile)} '{file}': cannot read the CA certificates: {e.Message}", e);
        }

        return authorities.Count > 0 ? authorities : throw new ArgumentException($"{nameof(Ratio1SessionOptions.TlsCaFile)} '{file}' holds no PEM certificate.");
    }

    private static X509Certificate2 LoadCertificate(string file, string? keyFile, string? passwordFile)
    {
        X509Certificate2 certificate;
        try
        {
            var password = passwordFile is { Length: > 0 } ? File.ReadAllText(passwordFile).TrimEnd('\r', '\n') : null;
            certificate = Path.GetExtension(file).ToLowerInvariant() is ".pfx" or ".p12" ? X509CertificateLoader.LoadPkcs12FromFile(file, password)
                : password is null ? X509Certificate2.CreateFromPemFile(file, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(file, password, keyFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ArgumentException($"{nameof(Ratio1SessionOptions.TlsCertificateFile)} '{file}': cannot load the client certificate: {e.Message}", e);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new ArgumentException($"{nameof(Ratio1SessionOptions.TlsCertificateFile)} '{file}' has no private key: give it with {nameof(Ratio1SessionOptions.TlsKeyFile)}.");
    }
}
