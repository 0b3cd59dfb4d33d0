namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>The silo's command-line switches and the configuration keys they set.</summary>
public static class CommandLine
{
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--node-id"] = "Node:Id",
        ["--alias"] = "Node:Alias",
        ["--plugin-folder"] = "Node:PluginFolder",
        ["--model-dirs"] = "Node:ModelDirectories",
        ["--capture-roots"] = "Node:CaptureRoots",
        ["--capture-hosts"] = "Node:CaptureHosts",
        ["--data-dir"] = "Storage:DataDirectory",
        ["--storage"] = "Storage:Provider",
        ["--connection-string"] = "Storage:ConnectionString",
        ["--connection-string-file"] = "Storage:ConnectionStringFile",
        ["--apply-schema"] = "Storage:ApplySchemaOnStart",
        ["--cluster-id"] = "Cluster:ClusterId",
        ["--service-id"] = "Cluster:ServiceId",
        ["--silo-port"] = "Cluster:SiloPort",
        ["--gateway-port"] = "Cluster:GatewayPort",
        ["--advertised-address"] = "Cluster:AdvertisedAddress",
        ["--listen-address"] = "Cluster:ListenAddress",
        ["--http-urls"] = "Cluster:HttpUrls",
        ["--traffic"] = "Traffic:Provider",
        ["--traffic-queues"] = "Traffic:Queues",
        ["--traffic-pulling-ms"] = "Traffic:PullingPeriodMs",
        ["--traffic-max-message-bytes"] = "Traffic:MaxMessageBytes",
        ["--tls-certificate"] = "Tls:CertificateFile",
        ["--tls-key"] = "Tls:KeyFile",
        ["--tls-password-file"] = "Tls:PasswordFile",
        ["--tls-ca"] = "Tls:CaFile",
        ["--tls-mutual"] = "Tls:RequireClientCertificate",
        ["--tls-server-name"] = "Tls:ServerName",
        ["--max-config-bytes"] = "Limits:MaxConfigBytes",
    };

    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "--apply-schema", "--tls-mutual" };

    /// <summary>A fresh copy of <see cref="Switches"/> for the configuration reader, which wants a mutable dictionary.</summary>
    public static IDictionary<string, string> SwitchMappings() => new Dictionary<string, string>(Switches, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gives bare flags (<c>--apply-schema</c>) the value <c>true</c>, as the configuration reader needs a value.</summary>
    public static string[] Normalize(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count + 2);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            result.Add(arg);
            var next = i + 1 < args.Count ? args[i + 1] : null;
            if (Flags.Contains(arg) && (next is null || next.StartsWith("--", StringComparison.Ordinal)))
            {
                result.Add("true");
            }
        }

        return [.. result];
    }

    /// <summary>Rejects switches the silo does not know, naming them.</summary>
    public static void CheckKnown(IReadOnlyList<string> args)
    {
        foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            var name = arg.Split('=', 2)[0];
            if (!Switches.ContainsKey(name) && !name.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unknown option '{name}'. Options: {string.Join(", ", Switches.Keys)} (or any configuration key as --Section:Key=value).");
            }
        }
    }
}
