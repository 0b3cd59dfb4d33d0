using Npgsql;
using Orleans.Runtime.Placement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Testing;

/// <summary>
/// A cluster of real silo processes on one PostgreSQL database, one node per silo, on loopback: what a fleet is, for
/// tests and benchmarks that crash (<c>kill -9</c>) or freeze (<c>SIGSTOP</c>) a silo. Each silo is supervised
/// (<see cref="SiloProcess"/> with <c>restartOnFailure</c>), as systemd would: a silo the cluster declared dead stops
/// itself and is started again.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos;

    private SiloCluster(string connectionString, string clusterId, List<SiloProcess> silos)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        _silos = silos;
    }

    /// <summary>The cluster's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The cluster id the silos (and their clients) use.</summary>
    public string ClusterId { get; }

    /// <summary>The silos, in the order of the node ids they were started for.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The silo serving <paramref name="nodeId"/>.</summary>
    public SiloProcess this[string nodeId] => _silos.Single(s => s.NodeId == nodeId);

    /// <summary>
    /// Starts one silo per node id on <paramref name="connectionString"/> (the first alone, as it applies the schema;
    /// then the others together) and waits until every one serves.
    /// </summary>
    /// <param name="extraArgs">More options for every silo, e.g. <c>--Cluster:Membership:ConnectionLivenessCheck=false</c>.</param>
    public static async Task<SiloCluster> StartAsync(string connectionString, IReadOnlyList<string> nodeIds, string[]? extraArgs = null, bool restartOnFailure = true, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0)
        {
            throw new ArgumentException("A cluster needs at least one node id.", nameof(nodeIds));
        }

        var clusterId = "c-" + Guid.NewGuid().ToString("N")[..10];
        string[] args = ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--cluster-id", clusterId, .. extraArgs ?? []];
        var cluster = new SiloCluster(connectionString, clusterId, []);
        try
        {
            cluster._silos.Add(await SiloProcess.StartAsync(nodeIds[0], args, null, serverGc: false, restartOnFailure, cancellationToken));
            var rest = nodeIds.Skip(1).Select(n => SiloProcess.StartAsync(n, args, null, serverGc: false, restartOnFailure, cancellationToken)).ToList();
            try
            {
                await Task.WhenAll(rest);
            }
            finally
            {
                cluster._silos.AddRange(rest.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for a session using the gateways of <paramref name="gateways"/> (default: every silo).</summary>
    public Ratio1SessionOptions SessionOptions(string clientName, params SiloProcess[] gateways)
    {
        var options = (gateways.Length > 0 ? gateways[0] : _silos[0]).SessionOptions(clientName);
        options.ClusterId = ClusterId;
        options.Gateways = [.. (gateways.Length > 0 ? gateways : [.. _silos]).Select(s => $"127.0.0.1:{s.GatewayPort}")];
        return options;
    }

    /// <summary>Connects a session through the gateways of <paramref name="gateways"/> (default: every silo).</summary>
    public Task<Ratio1Session> ConnectAsync(string clientName, params SiloProcess[] gateways) =>
        Ratio1Session.ConnectAsync(SessionOptions(clientName, gateways));

    /// <summary>The silo whose silo port is that of <paramref name="address"/>, or null.</summary>
    public SiloProcess? SiloAt(SiloAddress? address) =>
        address is null ? null : _silos.FirstOrDefault(s => s.SiloPort == address.Endpoint.Port);

    /// <summary>The silo where <paramref name="grain"/> is active now (null: not active, or on a silo not of this cluster).</summary>
    public async Task<SiloProcess?> HostOfAsync(IClusterClient client, IAddressable grain) =>
        SiloAt(await client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain));

    /// <summary>
    /// Deploys a pipeline of <paramref name="node"/> (one <c>ECHO_01</c> instance, named <paramref name="prefix"/>-N) whose
    /// grain is placed on <paramref name="host"/>, and returns its name. The first deploy carries Orleans' placement hint
    /// (<see cref="IPlacementDirector.PlacementHintKey"/>) naming that silo; should the cluster place it elsewhere all the
    /// same, another pipeline is tried (those stay deployed).
    /// </summary>
    public async Task<string> DeployPipelineHostedOnAsync(Ratio1Session session, string node, SiloProcess host, string prefix = "fo", int tries = 20, CancellationToken cancellationToken = default)
    {
        var address = (await session.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.FirstOrDefault(a => a.Endpoint.Port == host.SiloPort)
            ?? throw new InvalidOperationException($"The silo of {host.NodeId} is not an active member of the cluster.");
        for (var i = 0; i < tries; i++)
        {
            var name = $"{prefix}-{i}";
            var pipeline = session.CreatePipeline(node, name, "Void");
            pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
            RequestContext.Set(IPlacementDirector.PlacementHintKey, address);
            try
            {
                await pipeline.DeployAsync(DeployOptions.NoConfirmation, cancellationToken);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            if (await HostOfAsync(session.Client, session.Client.GetGrain<IPipelineGrain>(GrainKeys.Pipeline(node, name))) == host)
            {
                return name;
            }
        }

        throw new InvalidOperationException($"None of {tries} pipelines of {node} was placed on the silo of {host.NodeId}.");
    }

    /// <summary>
    /// The silo whose gateway has the most clients connected (Orleans' <c>orleans-gateway-connected-clients</c>, on
    /// <c>/metrics</c>): with one client connected, the gateway it uses.
    /// </summary>
    public async Task<SiloProcess> GatewayWithClientsAsync()
    {
        var counts = await Task.WhenAll(_silos.Select(async s => (Silo: s, Clients: ConnectedClients(await s.GetAsync("/metrics")))));
        var busiest = counts.MaxBy(c => c.Clients);
        return busiest.Clients > 0
            ? busiest.Silo
            : throw new InvalidOperationException("No silo reports a connected client (orleans_gateway_connected_clients on /metrics).");
    }

    private static double ConnectedClients(string metrics) => metrics.Split('\n')
        .Where(line => line.StartsWith("orleans_gateway_connected_clients", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Whether the membership table declares the newest generation of <paramref name="silo"/> dead (Orleans' status 6),
    /// read straight from the database, as the silos read it.
    /// </summary>
    public async Task<bool> IsDeclaredDeadAsync(SiloProcess silo, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT status FROM cluster_member WHERE deployment_id = @cluster AND port = @port ORDER BY generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("port", silo.SiloPort);
        return await command.ExecuteScalarAsync(cancellationToken) is int status && status == (int)SiloStatus.Dead;
    }

    /// <summary>Polls the membership table every <paramref name="every"/> until <paramref name="silo"/> is declared dead.</summary>
    public async Task WaitUntilDeclaredDeadAsync(SiloProcess silo, TimeSpan timeout, TimeSpan? every = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await IsDeclaredDeadAsync(silo, cancellationToken))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The cluster did not declare the silo of {silo.NodeId} dead within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
    }
}
