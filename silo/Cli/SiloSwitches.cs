using System.Globalization;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Grains.Pipelines;

namespace Ratio1.Orleans.Silo.Cli;

/// <summary>The silo's switches: what each sets, where else that setting comes from, and its default.</summary>
public static class SiloSwitches
{
    /// <summary>Where the database is: the switches the silo and its <c>db</c> command share.</summary>
    public static IReadOnlyList<SiloSwitch> Storage { get; } =
    [
        new("--storage", "Storage:Provider", "sqlite", "Where state and membership live: sqlite (one silo per data folder) or postgres (cluster mode).", HelpName: "sqlite|postgres"),
        new("--data-dir", "Storage:DataDirectory", "./data (relative to the working directory)", "Folder of the node's own files: the SQLite database, and the models and media folders.", HelpName: "dir"),
        new("--connection-string", "Storage:ConnectionString", "none (postgres needs one)", "PostgreSQL connection string; every local user can read a command line, so prefer --connection-string-file.", HelpName: "connection-string"),
        new("--connection-string-file", "Storage:ConnectionStringFile", "none", "File holding the PostgreSQL connection string, one line (keep it 0600).", HelpName: "file"),
    ];

    /// <summary>Every switch of the silo itself.</summary>
    public static IReadOnlyList<SiloSwitch> Silo { get; } =
    [
        new("--node-id", "Node:Id", "the machine name", "Id of the node this silo serves (letters, digits and _ . : @ -).", HelpName: "id"),
        new("--alias", "Node:Alias", "the node id", "Human name of the node (at most 20 characters).", HelpName: "name"),
        new("--plugin-folder", "Node:PluginFolder", "none", "Folder of plugin assemblies (*.dll) to load, each in its own load context.", HelpName: "dir"),
        new("--model-dirs", "Node:ModelDirectories", "<data-dir>/models", "Folders a client may add models from, comma-separated.", HelpName: "dirs"),
        new("--capture-roots", "Node:CaptureRoots", "<data-dir>/media", "Folders under which a pipeline's URL may name a file or folder, comma-separated.", HelpName: "dirs"),
        new("--capture-hosts", "Node:CaptureHosts", "none", "Hosts a network capture URL may connect to: names, *.domain, addresses, networks (CIDR) or *, comma-separated.", HelpName: "hosts"),
        .. Storage,
        new("--apply-schema", "Storage:ApplySchemaOnStart", "on for sqlite, off for postgres", "Create or upgrade the database schema as the silo starts (else: db init).", SwitchKind.Flag),
        new("--cluster-id", "Cluster:ClusterId", "ratio1", "Orleans cluster id: the silos and clients of one deployment share it.", HelpName: "id"),
        new("--service-id", "Cluster:ServiceId", "ratio1", "Orleans service id: keep it across deployments, as stored state is keyed by it.", HelpName: "id"),
        new("--silo-port", "Cluster:SiloPort", "11111", "Silo-to-silo port.", SwitchKind.Number, "port"),
        new("--gateway-port", "Cluster:GatewayPort", "30000", "Port clients (the .NET client, r1ctl) connect to.", SwitchKind.Number, "port"),
        new("--advertised-address", "Cluster:AdvertisedAddress", "loopback", "IP address other silos and clients reach this silo at (cluster mode).", HelpName: "ip"),
        new("--listen-address", "Cluster:ListenAddress", "the advertised address", "IP address the silo and gateway ports listen on (cluster mode; 0.0.0.0: every interface). Beyond loopback the silo needs admins, TLS and a web token, or exits 7.", HelpName: "ip"),
        new("--http-urls", "Cluster:HttpUrls", "http://127.0.0.1:8080", "URL(s) of the silo's HTTP endpoint (/health, /metrics), separated by ';'.", HelpName: "urls"),
        new("--dashboard", "Dashboard:Enabled", "true", "Serve the fleet dashboard (the page, its JSON API and live feed) at / of the HTTP endpoint; false: none of it (docs/dashboard.md).", SwitchKind.Flag),
        new("--orleans-dashboard", "Dashboard:Orleans", "true", "Serve the Orleans Dashboard (silos, grains, calls, latencies) under /orleans/ of the HTTP endpoint; false: not even registered, so it costs nothing.", SwitchKind.Flag),
        new("--traffic", "Traffic:Provider", "memory", "Stream provider of the node's traffic: memory, or adonet (durable, in PostgreSQL; needs --storage postgres).", HelpName: "memory|adonet"),
        new("--traffic-queues", "Traffic:Queues", "2 (adonet: 1)", "Number of traffic queues (1-64).", SwitchKind.Number, "count"),
        new("--traffic-pulling-ms", "Traffic:PullingPeriodMs", Number(TrafficOptions.DefaultPullingPeriodMs), "Milliseconds between two reads of a traffic queue.", SwitchKind.Number, "ms"),
        new("--traffic-max-message-bytes", "Traffic:MaxMessageBytes", Number(MessageSize.DefaultLimit), "Largest payload, notification, command or input, in bytes.", SwitchKind.Number, "bytes"),
        new("--tls-certificate", "Tls:CertificateFile", "none (no TLS)", "The silo's certificate: PEM (with its key unless --tls-key) or PKCS#12 (.pfx, .p12). Turns TLS on.", HelpName: "file"),
        new("--tls-key", "Tls:KeyFile", "none (the key is in the certificate file)", "PEM private key of --tls-certificate.", HelpName: "file"),
        new("--tls-password-file", "Tls:PasswordFile", "none", "File holding the password of the PKCS#12 file or of an encrypted PEM key.", HelpName: "file"),
        new("--tls-ca", "Tls:CaFile", "the system's trust store", "PEM file of the certificate authorities to trust (a private CA).", HelpName: "file"),
        new("--tls-mutual", "Tls:RequireClientCertificate", "false", "Mutual TLS: every client and every other silo must present a certificate issued by the trusted CA.", SwitchKind.Flag),
        new("--tls-server-name", "Tls:ServerName", "the address dialled", "Name other silos' certificates must carry when this silo connects to them.", HelpName: "name"),
        new("--max-config-bytes", "Limits:MaxConfigBytes", Number(PipelineLimits.DefaultMaxConfigBytes), "Largest pipeline config a client may deploy, in bytes.", SwitchKind.Number, "bytes"),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
