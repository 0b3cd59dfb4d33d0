using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>Options valid on every command: how to reach the cluster, who we are, and the output format.</summary>
internal sealed class GlobalOptions
{
    public const string GatewaysVariable = "R1_GATEWAYS";
    public const string DefaultGateway = "127.0.0.1:30000";

    public Option<string[]> Gateway { get; } = new("--gateway")
    {
        Description = $"Gateway to connect to, as host:port (repeatable; default: ${GatewaysVariable}, comma-separated, else {DefaultGateway}).",
        HelpName = "host:port",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Membership { get; } = new("--membership")
    {
        Description = "Cluster mode: PostgreSQL connection string of the membership table to discover gateways from (instead of --gateway).",
        HelpName = "connection-string",
        Recursive = true,
    };

    public Option<string?> Traffic { get; } = new("--traffic")
    {
        Description = "Stream provider the silos publish traffic on, as their --traffic: memory (default) or adonet.",
        HelpName = "memory|adonet",
        Recursive = true,
    };

    public Option<string?> TrafficConnectionString { get; } = new("--traffic-connection-string")
    {
        Description = "With --traffic adonet: PostgreSQL connection string of the silos' database (default: --membership).",
        HelpName = "connection-string",
        Recursive = true,
    };

    public Option<string?> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Orleans cluster id of the silos (default: ratio1).",
        Recursive = true,
    };

    public Option<string?> ServiceId { get; } = new("--service-id")
    {
        Description = "Orleans service id of the silos (default: ratio1).",
        Recursive = true,
    };

    public Option<string?> ClientName { get; } = new("--as")
    {
        Description = "Who you are in pipeline history (default: $R1_CLIENT_NAME, else user@machine).",
        HelpName = "client-name",
        Recursive = true,
    };

    public Option<string?> Identity { get; } = new("--identity")
    {
        Description = $"Identity file (secp256k1 PEM, as Ratio1's e2.pem) to sign with and for 'id' (default: ${IdentitySource.FileVariable}, else ${IdentitySource.PemVariable} (the PEM text), else {IdentitySource.DefaultPathText}).",
        HelpName = "file",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write results as JSON on stdout; failures also write a one-line JSON error object on stderr.",
        Recursive = true,
    };

    public Option<double?> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Seconds to keep trying to reach a gateway (default: 15).",
        HelpName = "seconds",
        Recursive = true,
    };

    public Option<string?> TlsCa { get; } = new("--tls-ca")
    {
        Description = "Connect over TLS, trusting the silos' CA from this PEM file (default: $R1_TLS_CA).",
        HelpName = "ca.crt",
        Recursive = true,
    };

    public Option<string?> TlsCertificate { get; } = new("--tls-certificate")
    {
        Description = "Client certificate for silos with mutual TLS, PEM or .pfx (default: $R1_TLS_CERTIFICATE).",
        HelpName = "client.crt",
        Recursive = true,
    };

    public Option<string?> TlsKey { get; } = new("--tls-key")
    {
        Description = "PEM private key of --tls-certificate, when not in that file (default: $R1_TLS_KEY).",
        HelpName = "client.key",
        Recursive = true,
    };

    public Option<string?> TlsServerName { get; } = new("--tls-server-name")
    {
        Description = "Name the gateway's certificate must carry (default: the gateway's IP address).",
        HelpName = "name",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Add(TlsCa);
        command.Add(TlsCertificate);
        command.Add(TlsKey);
        command.Add(TlsServerName);
        command.Add(Gateway);
        command.Add(Membership);
        command.Add(Traffic);
        command.Add(TrafficConnectionString);
        command.Add(ClusterId);
        command.Add(ServiceId);
        command.Add(ClientName);
        command.Add(Identity);
        command.Add(Json);
        command.Add(ConnectTimeout);
    }

    /// <exception cref="UsageException">A gateway is not host:port, the timeout is not positive, or the traffic settings do not fit.</exception>
    public Ratio1SessionOptions ToSessionOptions(ParseResult parseResult)
    {
        var options = new Ratio1SessionOptions
        {
            Gateways = Gateways(parseResult),
            MembershipConnectionString = parseResult.GetValue(Membership),
            ClientName = parseResult.GetValue(ClientName),
            TrafficConnectionString = parseResult.GetValue(TrafficConnectionString),
            TlsCaFile = parseResult.GetValue(TlsCa),
            TlsCertificateFile = parseResult.GetValue(TlsCertificate),
            TlsKeyFile = parseResult.GetValue(TlsKey),
            TlsServerName = parseResult.GetValue(TlsServerName),
        };

        // Requests are signed whenever there is an identity (a cluster with security on refuses unsigned ones).
        var identity = IdentitySource.Locate(parseResult, this);
        if (identity.Exists)
        {
            options.Identity = identity.Load();
        }

        options.Traffic = parseResult.GetValue(Traffic)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "memory" => TrafficProvider.Memory,
            "adonet" or "ado.net" => TrafficProvider.AdoNet,
            var other => throw new UsageException($"--traffic must be memory or adonet, not '{other}'."),
        };
        if (options.Traffic == TrafficProvider.AdoNet && options.TrafficConnectionString is null && options.MembershipConnectionString is null)
        {
            throw new UsageException("--traffic adonet needs the silos' PostgreSQL connection string: --traffic-connection-string (or --membership).");
        }

        foreach (var (option, file) in new[] { (TlsCa, options.TlsCaFile), (TlsCertificate, options.TlsCertificateFile), (TlsKey, options.TlsKeyFile) })
        {
            if (file is { Length: > 0 } && !File.Exists(file))
            {
                throw new UsageException($"{option.Name} '{file}': no such file.");
            }
        }

        if (parseResult.GetValue(ClusterId) is { } clusterId)
        {
            options.ClusterId = clusterId;
        }

        if (parseResult.GetValue(ServiceId) is { } serviceId)
        {
            options.ServiceId = serviceId;
        }

        if (parseResult.GetValue(ConnectTimeout) is { } seconds)
        {
            options.ConnectTimeout = seconds > 0 && double.IsFinite(seconds)
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"--connect-timeout must be a positive number of seconds, not {seconds}.");
        }

        return options;
    }

    private List<string> Gateways(ParseResult parseResult)
    {
        var given = parseResult.GetValue(Gateway) is { Length: > 0 } values
            ? values
            : [Environment.GetEnvironmentVariable(GatewaysVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultGateway];
        var gateways = given
            .SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        foreach (var gateway in gateways.Where(g => !GatewayAddress.TryParse(g, out _)))
        {
            throw new UsageException($"gateway '{gateway}' is not host:port.");
        }

        return gateways.Count > 0 ? gateways : throw new UsageException("at least one gateway is required.");
    }
}
