using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Client;

/// <summary>How a <see cref="Ratio1Session"/> reaches the cluster and how it names itself.</summary>
public sealed class Ratio1SessionOptions
{
    /// <summary>
    /// Gateways to connect to, as <c>host:port</c> (default <c>127.0.0.1:30000</c>, a local silo). Give several silos'
    /// gateways for a session that survives the loss of one: calls are spread over them, and go on through the others
    /// when one is lost (see <see cref="GatewayLossGrace"/>).
    /// </summary>
    public IList<string> Gateways { get; set; } = ["127.0.0.1:30000"];

    /// <summary>
    /// In cluster mode, a PostgreSQL connection string to discover the gateways of every live silo from the membership
    /// table instead of <see cref="Gateways"/> (re-read every <see cref="GatewayListRefreshPeriod"/>).
    /// </summary>
    public string? MembershipConnectionString { get; set; }

    /// <summary>
    /// How often the list of gateways is read again (default 5 s; Orleans' own default is a minute): with
    /// <see cref="MembershipConnectionString"/>, a silo that joined or came back (on a new port, or a new machine) is
    /// used within this period.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When one of several gateway connections is lost, how long a request in flight may still take before it fails
    /// with <see cref="ConnectionLostException"/> (default 2 s). Orleans does not tell which gateway a request went
    /// through: one through a surviving gateway completes within this time as a rule, one through the lost gateway
    /// would otherwise wait for its <see cref="ResponseTimeout"/>. Requests sent after the loss go through the others.
    /// </summary>
    public TimeSpan GatewayLossGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The stream provider the silos publish traffic on (their <c>--traffic</c>): <see cref="TrafficProvider.Memory"/>
    /// (default) or <see cref="TrafficProvider.AdoNet"/>. It must match the silos', or traffic handlers receive nothing.
    /// </summary>
    public TrafficProvider Traffic { get; set; } = TrafficProvider.Memory;

    /// <summary>
    /// With <see cref="TrafficProvider.AdoNet"/> traffic, a PostgreSQL connection string of the silos' database (the
    /// stream queues live there). Default: <see cref="MembershipConnectionString"/>. Not used with memory traffic.
    /// </summary>
    public string? TrafficConnectionString { get; set; }

    /// <summary>Orleans cluster id of the silos (default <c>ratio1</c>).</summary>
    public string ClusterId { get; set; } = "ratio1";

    /// <summary>Orleans service id of the silos (default <c>ratio1</c>).</summary>
    public string ServiceId { get; set; } = "ratio1";

    /// <summary>
    /// Who this client is in pipeline history (Ratio1's <c>INITIATOR_ID</c>). Default: the <c>R1_CLIENT_NAME</c>
    /// environment variable, else <c>user@machine</c>.
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// The identity this session signs its requests with (Ratio1's secp256k1 scheme; see docs/security.md). A cluster
    /// with security on refuses unsigned requests and checks the identity's role on each node; with security off,
    /// signed requests are still verified and the signer recorded in pipeline history. Default: the one in
    /// <see cref="IdentityFile"/>, else the one named by the <c>R1_IDENTITY_FILE</c> or <c>R1_IDENTITY_PEM</c> environment
    /// variable, else none (requests unsigned).
    /// </summary>
    public Ratio1Identity? Identity { get; set; }

    /// <summary>A PEM file holding the identity's private key (e.g. <c>~/.ratio1/identity.pem</c>, made by <c>r1ctl id new</c>), used when <see cref="Identity"/> is not set.</summary>
    public string? IdentityFile { get; set; }

    /// <summary>How long <see cref="Ratio1Session.ConnectAsync"/> keeps trying to reach a gateway (default 15 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long one request may take before it fails (default 30 s). A request in flight when the connection to the
    /// cluster is lost fails at once, with <see cref="ConnectionLostException"/>, rather than at this timeout.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After the connection to the cluster is lost, how often the session tries to reach it again (default 0.5 s); it
    /// keeps trying until it is disposed (see <see cref="Ratio1Session.ConnectionLost"/>).
    /// </summary>
    public TimeSpan ReconnectPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often session-wide handlers (<c>OnPayloadAsync</c>, ...) look for new nodes and pipelines (default 5 s).</summary>
    public TimeSpan DiscoveryPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest command or pushed input this session sends, in bytes on the wire (default 1,000,000, the nodes'
    /// default <c>Traffic:MaxMessageBytes</c>). A larger one fails at once with
    /// <see cref="Contracts.Errors.MessageTooLargeException"/> without crossing the network; the node checks again against its own limit.
    /// </summary>
    public long MaxMessageBytes { get; set; } = Contracts.Messages.MessageSize.DefaultLimit;

    // Transport security (TLS): the settings below, together.

    /// <summary>
    /// Connect to the gateways over TLS. Implied by <see cref="TlsCaFile"/> and <see cref="TlsCertificateFile"/>; set
    /// it alone for silos whose certificates a public CA in the system's trust store issued. The silos must have TLS on
    /// (their <c>--tls-certificate</c>), or the connection fails.
    /// </summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// PEM file of the certificate authority (a private CA) that issued the silos' certificates: the gateway's
    /// certificate must chain to it, and the system's trust store is then not consulted. Default: the
    /// <c>R1_TLS_CA</c> environment variable.
    /// </summary>
    public string? TlsCaFile { get; set; }

    /// <summary>
    /// This client's certificate, for silos with mutual TLS (<c>--tls-mutual</c>): PEM (with its key unless
    /// <see cref="TlsKeyFile"/>) or PKCS#12 (<c>.pfx</c>, <c>.p12</c>), issued by the silos' CA. Default: the
    /// <c>R1_TLS_CERTIFICATE</c> environment variable.
    /// </summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="TlsCertificateFile"/>, when not in that file. Default: the <c>R1_TLS_KEY</c> environment variable.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary>A file holding the password of the PKCS#12 file or of an encrypted PEM key (never the password itself).</summary>
    public string? TlsPasswordFile { get; set; }

    /// <summary>
    /// The name the gateway's certificate must carry (a DNS name among its subject alternative names). Default: the
    /// gateway's IP address, which must then be among the certificate's IP address names.
    /// </summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// Accept the gateway's certificate whatever names it carries; it must still be issued by <see cref="TlsCaFile"/>.
    /// Off by default: any certificate of that CA, a client's included, would then pass as a silo's.
    /// </summary>
    public bool TlsSkipNameCheck { get; set; }

    /// <summary>Whether the session connects over TLS, counting the environment variables.</summary>
    internal bool TlsEnabled => UseTls || ResolveTlsCaFile() is not null || ResolveTlsCertificateFile() is not null;

    internal string? ResolveTlsCaFile() => FromEnvironment(TlsCaFile, "R1_TLS_CA");

    internal string? ResolveTlsCertificateFile() => FromEnvironment(TlsCertificateFile, "R1_TLS_CERTIFICATE");

    internal string? ResolveTlsKeyFile() => FromEnvironment(TlsKeyFile, "R1_TLS_KEY");

    private static string? FromEnvironment(string? value, string variable) =>
        value is { Length: > 0 } ? value : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    /// <summary>
    /// The largest pipeline config document this session sends, measured as compact UTF-8 JSON (default 2 MiB, the
    /// nodes' default <c>Limits:MaxConfigBytes</c>). A larger one fails at once with
    /// <see cref="Contracts.Errors.OverLimitException"/> without crossing the network; the node checks the resulting
    /// config again against its own limit.
    /// </summary>
    public long MaxConfigBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Where the session's logs go (its connection, reconnections and Orleans' client logs): pass your application's
    /// <see cref="ILoggerFactory"/> to see them with your own logs, filtered by your logging configuration (categories
    /// <c>Ratio1.Orleans.Client</c> and <c>Orleans</c>). Default: none, the session logs nothing. The session does not
    /// dispose it. Not read from configuration; <c>AddRatio1Client</c> sets it to the application's own.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Called when one of your traffic handlers throws (the others, and the stream, go on); default: ignored.</summary>
    public Action<Exception>? OnHandlerError { get; set; }

    /// <summary>The connection string of the ADO.NET traffic provider, with its default resolved.</summary>
    /// <exception cref="ArgumentException">ADO.NET traffic without a connection string.</exception>
    internal string ResolveTrafficConnectionString() =>
        TrafficConnectionString is { Length: > 0 } traffic ? traffic
        : MembershipConnectionString is { Length: > 0 } membership ? membership
        : throw new ArgumentException(
            $"{nameof(Traffic)} = {nameof(TrafficProvider.AdoNet)} needs the PostgreSQL connection string of the silos' database: set {nameof(TrafficConnectionString)} (or {nameof(MembershipConnectionString)}).");

    internal Ratio1Identity? ResolveIdentity() =>
        Identity ?? (IdentityFile is { Length: > 0 } file ? Ratio1Identity.Load(file) : Ratio1Identity.FromEnvironment());

    internal string ResolveClientName()
    {
        if (!string.IsNullOrWhiteSpace(ClientName))
        {
            return ClientName.Trim();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("R1_CLIENT_NAME");
        return string.IsNullOrWhiteSpace(fromEnvironment) ? $"{Environment.UserName}@{Environment.MachineName}" : fromEnvironment.Trim();
    }
}
