using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Client.Connection;
using Ratio1.Orleans.Client.Inference;
using Ratio1.Orleans.Client.Traffic;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Client;

/// <summary>
/// A connection to a Ratio1.Orleans cluster, shaped after the Ratio1 SDK's <c>Session</c>: list and wait for nodes,
/// create or attach to pipelines, deploy Ratio1 pipeline JSON, and read, roll back, archive and delete pipelines.
/// Errors are typed: <see cref="InvalidConfigException"/> names the offending field, <see cref="ConfigConflictException"/>
/// reports a concurrent change, <see cref="PipelineNotFoundException"/>, <see cref="NodeNotFoundException"/>, ...;
/// a call that cannot reach the cluster, or loses the connection in flight, fails with the retryable
/// <see cref="ConnectionLostException"/>.
/// </summary>
/// <remarks>
/// A session survives a restart of its silo: when the connection is lost it raises <see cref="ConnectionLost"/>, calls
/// the cluster every <see cref="Ratio1SessionOptions.ReconnectPeriod"/> until it answers, subscribes every stream its
/// traffic handlers use again (each message still reaches each handler once), and raises <see cref="Reconnected"/>.
/// Handlers keep their registrations; messages published while the session was disconnected are not received.
/// </remarks>
/// <example>
/// <code>
/// await using var session = await Ratio1Session.ConnectAsync(new Ratio1SessionOptions());
/// var pipeline = session.CreatePipeline("edge-01", "sensors", "Void");
/// pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "t1", new Dictionary&lt;string, object?&gt; { ["PROCESS_DELAY"] = 1 });
/// var outcome = await pipeline.DeployAsync();
/// </code>
/// </example>
public sealed partial class Ratio1Session : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TimeSpan _discoveryPeriod;
    private readonly long _maxMessageBytes;
    private readonly long _maxConfigBytes;
    private readonly Action<Exception> _onHandlerError;
    private readonly IReadOnlyList<string> _gateways;
    private readonly Reconnection _reconnection;
    private readonly NodeRuntimeDirectory _runtimes;
    private readonly ILogger _logger;
    private readonly string _where;
    private int _disposed;

    private Ratio1Session(IHost host, string clientName, Ratio1SessionOptions options, ClusterConnection connection, string? identityAddress)
    {
        _host = host;
        IdentityAddress = identityAddress;
        Client = host.Services.GetRequiredService<IClusterClient>();
        ClientName = clientName;
        _discoveryPeriod = options.DiscoveryPeriod;
        _maxMessageBytes = options.MaxMessageBytes;
        _maxConfigBytes = options.MaxConfigBytes;
        _onHandlerError = options.OnHandlerError ?? (_ => { });
        _gateways = options.MembershipConnectionString is null ? [.. options.Gateways] : [];
        Connection = connection;
        Traffic = new TrafficSubscriptions(Client, _onHandlerError);
        _runtimes = new NodeRuntimeDirectory(Client);
        SessionId = $"{clientName}-{Guid.NewGuid().ToString("N")[..12]}";
        _logger = host.Services.GetRequiredService<ILogger<Ratio1Session>>();
        _where = connection.Gateways;
        _reconnection = new Reconnection(connection, ProbeAsync, Traffic.RestoreAsync, Traffic.RepairAsync, options.ReconnectPeriod, _logger);
        _reconnection.Lost += lostAt => Raise(ConnectionLost, new ConnectionLostEventArgs(_gateways, lostAt));
        _reconnection.Restored += (lostAt, streams) => Raise(Reconnected, new ReconnectedEventArgs(lostAt, DateTimeOffset.UtcNow - lostAt, streams));
        connection.GatewayConnectionLost += remaining => Task.Run(() => Raise(GatewayLost, new GatewayLostEventArgs(remaining, DateTimeOffset.UtcNow)));
    }

    /// <summary>
    /// Raised when the session loses its connection to the cluster (its silo stopped, restarted or is unreachable),
    /// once per outage. The session is reconnecting by itself; calls fail with <see cref="ConnectionLostException"/>
    /// until the cluster answers again. Raised on a thread-pool thread; a handler that throws is reported to
    /// <see cref="Ratio1SessionOptions.OnHandlerError"/>.
    /// </summary>
    public event EventHandler<ConnectionLostEventArgs>? ConnectionLost;

    /// <summary>
    /// Raised when the session is connected again after <see cref="ConnectionLost"/> and every stream its traffic
    /// handlers use is subscribed again: handlers receive messages published from now on (each once), with no action
    /// of yours. Raised on a thread-pool thread; a handler that throws is reported to
    /// <see cref="Ratio1SessionOptions.OnHandlerError"/>.
    /// </summary>
    public event EventHandler<ReconnectedEventArgs>? Reconnected;

    /// <summary>
    /// Raised when one of the session's gateway connections closes while others stay open (a silo of the cluster died
    /// or restarted): the session stays connected and goes on through the others. Requests that were in flight fail with
    /// <see cref="ConnectionLostException"/> unless they complete within <see cref="Ratio1SessionOptions.GatewayLossGrace"/>;
    /// stream handlers keep receiving (the session subscribes again any stream whose subscription the cluster dropped).
    /// Raised on a thread-pool thread; a handler that throws is reported to <see cref="Ratio1SessionOptions.OnHandlerError"/>.
    /// </summary>
    public event EventHandler<GatewayLostEventArgs>? GatewayLost;

    /// <summary>Whether a connection to a gateway of the cluster is open now.</summary>
    public bool IsConnected => Connection.IsConnected;

    /// <summary>
    /// Messages the traffic provider delivered to this session again (a durable provider after a silo restart) that its
    /// handlers did not see: skipped because their sender's instance had already delivered that sequence or a later one.
    /// </summary>
    public long RedeliveriesSkipped => Traffic.RedeliveriesSkipped;

    /// <summary>This client's name in pipeline history (Ratio1's <c>INITIATOR_ID</c>).</summary>
    public string ClientName { get; }

    /// <summary>Id of this connection (Ratio1's <c>SESSION_ID</c>).</summary>
    public string SessionId { get; }

    /// <summary>The underlying Orleans client, for direct grain access.</summary>
    public IClusterClient Client { get; }

    /// <summary>
    /// Connects to the cluster, retrying until <see cref="Ratio1SessionOptions.ConnectTimeout"/>. Once connected, the
    /// session reconnects by itself whenever the connection is lost (see <see cref="ConnectionLost"/>).
    /// </summary>
    /// <exception cref="Ratio1ConnectionException">No gateway could be reached in time.</exception>
    /// <exception cref="ArgumentException">ADO.NET traffic without a connection string, or a <see cref="Ratio1SessionOptions.ReconnectPeriod"/> that is not positive, or a TLS file (<see cref="Ratio1SessionOptions.TlsCaFile"/>, ...) that cannot be loaded.</exception>
    public static async Task<Ratio1Session> ConnectAsync(Ratio1SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Ratio1SessionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ReconnectPeriod, TimeSpan.Zero, nameof(options.ReconnectPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.GatewayListRefreshPeriod, TimeSpan.Zero, nameof(options.GatewayListRefreshPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GatewayLossGrace, TimeSpan.Zero, nameof(options.GatewayLossGrace));
        var trafficConnectionString = options.Traffic == TrafficProvider.AdoNet ? options.ResolveTrafficConnectionString() : null;
        var gateways = options.MembershipConnectionString is null ? await ResolveGatewaysAsync(options.Gateways, cancellationToken) : [];
        var deadline = DateTimeOffset.UtcNow + options.ConnectTimeout;
        var where = options.MembershipConnectionString is null ? string.Join(", ", options.Gateways) : "the gateways listed in the membership table";
        var connection = new ClusterConnection(where);
        var identity = options.ResolveIdentity();
        var tls = GatewayTls.From(options);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.LoggerFactory is { } loggerFactory)
        {
            // The application's own factory: its providers and filters decide. Given as an instance, the private host does not dispose it.
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton<IHostLifetime, SessionHostLifetime>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Configure<MessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
            // Connection faults become ConnectionLostException, and calls in flight fail when the connection (or the gateway they may have used) goes.
            client.AddClusterConnectionStatusObserver(connection);
            // Calls carry the caller's trace context to the silo (docs/tracing.md).
            client.AddActivityPropagation();
            client.AddOutgoingGrainCallFilter(new ConnectionFaultFilter(connection, options.GatewayLossGrace));
            if (identity is not null)
            {
                client.AddOutgoingGrainCallFilter(new RequestSigningFilter(identity, TimeProvider.System));
            }
            if (trafficConnectionString is not null)
            {
                // Subscribing needs no queue mapping, and the platform's clients publish no traffic: the silos' queue count need not be repeated here.
                client.AddAdoNetStreams(TrafficStreams.ProviderName, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = trafficConnectionString;
                });
            }
            else
            {
                client.AddMemoryStreams(TrafficStreams.ProviderName);
            }

            if (options.MembershipConnectionString is { } membership)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = membership;
                });
            }
            else
            {
                client.UseStaticClustering(gateways);
            }

            tls?.Apply(client);
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                // A refused TLS handshake is refused again: fail at once, saying why.
                if (DateTimeOffset.UtcNow >= deadline || tls?.Refusal is not null)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                return true;
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var session = new Ratio1Session(host, options.ResolveClientName(), options, connection, identity?.Address);
            LogConnected(session._logger, where, session.ClientName, session.SessionId, identity?.Address ?? "none");
            return session;
        }
        catch (Exception e)
        {
            host.Dispose();
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new Ratio1ConnectionException(tls?.Refusal is { } refusal
                ? $"Could not connect to the cluster at {where}: {refusal}."
                : $"Could not connect to the cluster at {where} within {options.ConnectTimeout.TotalSeconds:0.#} s: {e.Message}", e);
        }
    }

    /// <summary>Every node that ever registered, with its liveness.</summary>
    public async Task<IReadOnlyList<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        await Client.GetFleet().GetNodesAsync(cancellationToken);

    /// <summary>One node.</summary>
    /// <exception cref="NodeNotFoundException">The node never registered.</exception>
    public async Task<NodeInfo> GetNodeAsync(string node, CancellationToken cancellationToken = default) =>
        await Client.GetNode(node).GetInfoAsync(cancellationToken) ?? throw new NodeNotFoundException(node, await Client.GetFleet().GetNodeIdsAsync(cancellationToken));

    /// <summary>Waits until <paramref name="node"/> is online (Ratio1's <c>wait_for_node</c>).</summary>
    /// <exception cref="TimeoutException">The node was not online within <paramref name="timeout"/>; the message says how it was last seen.</exception>
    public async Task<NodeInfo> WaitForNodeAsync(string node, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Identifiers.RequireNodeId(node);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var grain = Client.GetNode(node);
        while (true)
        {
            // The liveness comes from the grain's memory; the full info (a storage query) is read once, at the end.
            if (await grain.GetStatusAsync(cancellationToken) is NodeStatus.Online
                && await grain.GetInfoAsync(cancellationToken) is { IsOnline: true } online)
            {
                return online;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                var last = await grain.GetInfoAsync(cancellationToken);
                throw new TimeoutException(last is null
                    ? $"Node '{node}' did not register within {timeout.TotalSeconds:0.#} s."
                    : $"Node '{node}' was not online within {timeout.TotalSeconds:0.#} s (status {last.Status}, last seen {last.LastSeen:O}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>
    /// Stages a new pipeline (Ratio1's <c>create_pipeline</c>); nothing is sent until <see cref="Pipeline.DeployAsync"/>,
    /// which fails with a conflict if a live pipeline of that name already exists (use <see cref="AttachToPipelineAsync"/>).
    /// </summary>
    /// <param name="type">Capture <c>TYPE</c>: Void, VideoFile, NetworkListener, ...</param>
    /// <param name="config">Pipeline-level settings such as URL or CAP_RESOLUTION (keys are upper-cased).</param>
    public Pipeline CreatePipeline(string node, string name, string type, IReadOnlyDictionary<string, object?>? config = null)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name);
        return new Pipeline(this, node, name, type, ConfigInput.ToMap(config));
    }

    /// <summary>Loads an existing pipeline for editing (Ratio1's <c>attach_to_pipeline</c>).</summary>
    /// <exception cref="PipelineNotFoundException">The node has no such pipeline.</exception>
    public async Task<Pipeline> AttachToPipelineAsync(string node, string name, CancellationToken cancellationToken = default) =>
        new(this, await PipelineGrain(node, name).GetAsync(cancellationToken: cancellationToken));

    /// <summary>Attaches to the pipeline when it exists, else stages a new one.</summary>
    public async Task<Pipeline> CreateOrAttachToPipelineAsync(string node, string name, string type, IReadOnlyDictionary<string, object?>? config = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AttachToPipelineAsync(node, name, cancellationToken);
        }
        catch (PipelineNotFoundException)
        {
            return CreatePipeline(node, name, type, config);
        }
    }

    /// <summary>
    /// Deploys a Ratio1 pipeline JSON document as is (<c>UPDATE_CONFIG</c>): creates the pipeline, or merges the
    /// document into it (top-level keys replaced, <c>PLUGINS</c> wholesale). With <paramref name="replace"/>, the
    /// pipeline becomes exactly the document (keys it lacks are removed).
    /// </summary>
    /// <param name="expectedVersion">Apply only if the pipeline is at this version (0: only if it does not exist).</param>
    public Task<DeployOutcome> DeployPipelineJsonAsync(string node, string json, int? expectedVersion = null, bool replace = false, CancellationToken cancellationToken = default) =>
        DeployPipelineDocumentAsync(node, ConfigJson.ParseObject(json), expectedVersion, replace, cancellationToken);

    /// <summary>Like <see cref="DeployPipelineJsonAsync"/>, for a document already parsed (<see cref="ConfigMap.Parse"/>).</summary>
    public Task<DeployOutcome> DeployPipelineDocumentAsync(string node, ConfigMap document, int? expectedVersion = null, bool replace = false, CancellationToken cancellationToken = default)
    {
        var name = document.GetValueOrDefault(PipelineKeys.Name) is { Kind: ConfigValueKind.String } n
            ? n.AsString()
            : throw new InvalidConfigException(PipelineKeys.Name, document.GetValueOrDefault(PipelineKeys.Name)?.ToJson(), "is required: it names the pipeline to deploy");
        var grain = PipelineGrain(node, name);
        return replace
            ? grain.ReplaceConfigAsync(WithinConfigLimit(name, document), Request(expectedVersion), cancellationToken)
            : grain.UpdateConfigAsync(WithinConfigLimit(name, document), Request(expectedVersion), cancellationToken);
    }

    /// <summary><c>UPDATE_CONFIG</c> with a partial document: each key replaces the pipeline's (<c>PLUGINS</c> wholesale).</summary>
    public Task<DeployOutcome> UpdatePipelineAsync(string node, string name, IReadOnlyDictionary<string, object?> delta, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, name).UpdateConfigAsync(WithinConfigLimit(name, ConfigInput.ToMap(delta)), Request(expectedVersion), cancellationToken);

    /// <summary>
    /// <c>UPDATE_CONFIG</c> with a partial document already in config form (e.g. parsed JSON); top-level keys are
    /// upper-cased as in the dictionary overload.
    /// </summary>
    public Task<DeployOutcome> UpdatePipelineAsync(string node, string name, ConfigMap delta, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, name).UpdateConfigAsync(WithinConfigLimit(name, ConfigInput.ToMap(delta)), Request(expectedVersion), cancellationToken);

    /// <summary><c>UPDATE_PIPELINE_INSTANCE</c>: merges <paramref name="delta"/> into one instance.</summary>
    public Task<DeployOutcome> UpdateInstanceAsync(string node, string pipeline, string signature, string instanceId, IReadOnlyDictionary<string, object?> delta, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, pipeline).UpdateInstancesAsync([new InstanceUpdate(signature, instanceId, ConfigInput.ToMap(delta))], Request(expectedVersion), cancellationToken);

    /// <summary>
    /// <c>UPDATE_PIPELINE_INSTANCE</c> with a delta already in config form (e.g. parsed JSON); top-level keys are
    /// upper-cased as in the dictionary overload.
    /// </summary>
    public Task<DeployOutcome> UpdateInstanceAsync(string node, string pipeline, string signature, string instanceId, ConfigMap delta, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, pipeline).UpdateInstancesAsync([new InstanceUpdate(signature, instanceId, ConfigInput.ToMap(delta))], Request(expectedVersion), cancellationToken);

    /// <summary>
    /// <c>BATCH_UPDATE_PIPELINE_INSTANCE</c> across the node's pipelines: all updates are validated before any is
    /// applied; each pipeline applies its share atomically.
    /// </summary>
    public async Task<IReadOnlyList<DeployOutcome>> BatchUpdateInstancesAsync(string node, IEnumerable<PipelineInstanceUpdate> updates, CancellationToken cancellationToken = default) =>
        await Client.GetNode(node).BatchUpdateInstancesAsync([.. updates], Request(null), cancellationToken);

    /// <summary>The node's pipelines, sorted by name.</summary>
    public async Task<IReadOnlyList<PipelineSummary>> GetPipelinesAsync(string node, bool includeArchived = false, CancellationToken cancellationToken = default) =>
        await Client.GetNode(node).ListPipelinesAsync(includeArchived, cancellationToken);

    /// <summary>A pipeline at <paramref name="version"/> (null: the latest).</summary>
    public Task<PipelineSnapshot> GetPipelineAsync(string node, string name, int? version = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, name).GetAsync(version, cancellationToken);

    /// <summary>A pipeline's history, newest first.</summary>
    public async Task<IReadOnlyList<PipelineRevisionInfo>> GetPipelineHistoryAsync(string node, string name, int? beforeVersion = null, int limit = 50, CancellationToken cancellationToken = default) =>
        await PipelineGrain(node, name).GetHistoryAsync(beforeVersion, limit, cancellationToken);

    /// <summary>Makes the config of <paramref name="version"/> current again, as a new version.</summary>
    public Task<DeployOutcome> RollbackPipelineAsync(string node, string name, int version, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, name).RollbackAsync(version, Request(expectedVersion), cancellationToken);

    /// <summary>Archives a pipeline (<c>ARCHIVE_CONFIG</c>): it stops; config and history are kept.</summary>
    public Task<DeployOutcome> ClosePipelineAsync(string node, string name, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, name).ArchiveAsync(Request(expectedVersion), cancellationToken);

    /// <summary>Deletes a pipeline and its history (<c>DELETE_CONFIG</c>). Returns the last version it had.</summary>
    public Task<int> DeletePipelineAsync(string node, string name, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        PipelineGrain(node, name).DeleteAsync(Request(expectedVersion), cancellationToken);

    /// <summary>Archives every live pipeline of the node (<c>ARCHIVE_CONFIG_ALL</c>).</summary>
    public async Task<IReadOnlyList<DeployOutcome>> ArchiveAllPipelinesAsync(string node, CancellationToken cancellationToken = default) =>
        await Client.GetNode(node).ArchiveAllAsync(Request(null), cancellationToken);

    /// <summary>Deletes every pipeline of the node (<c>DELETE_CONFIG_ALL</c>). Returns the names deleted.</summary>
    public async Task<IReadOnlyList<string>> DeleteAllPipelinesAsync(string node, CancellationToken cancellationToken = default) =>
        await Client.GetNode(node).DeleteAllAsync(Request(null), cancellationToken);

    /// <summary>
    /// One instance: deployed config, version and the status its node last reported (state, the config version it
    /// runs, counters, last error; null until the node reports).
    /// </summary>
    public Task<PluginInstanceSnapshot> GetInstanceAsync(string node, string pipeline, string signature, string instanceId, CancellationToken cancellationToken = default) =>
        Client.GetPluginInstance(node, pipeline, signature, instanceId).GetAsync(cancellationToken);

    /// <summary>
    /// Calls <paramref name="handler"/> with every payload of every pipeline of every node (Ratio1's <c>on_payload</c>).
    /// New nodes and pipelines are joined as they appear. Dispose the result to stop.
    /// </summary>
    public Task<IAsyncDisposable> OnPayloadAsync(Func<Payload, Task> handler, CancellationToken cancellationToken = default) =>
        WatchPayloadsAsync(PipelineStreamsAsync, NodeStreamsAsync(TrafficStreams.Notifications), handler, cancellationToken);

    /// <inheritdoc cref="OnPayloadAsync(Func{Payload, Task}, CancellationToken)"/>
    public Task<IAsyncDisposable> OnPayloadAsync(Action<Payload> handler, CancellationToken cancellationToken = default) =>
        OnPayloadAsync(Synchronous(handler), cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with every notification of every node (Ratio1's <c>on_notification</c>).</summary>
    public async Task<IAsyncDisposable> OnNotificationAsync(Func<Notification, Task> handler, CancellationToken cancellationToken = default) =>
        await FleetWatch<Notification>.StartAsync(Traffic, NodeStreamsAsync(TrafficStreams.Notifications), handler, _discoveryPeriod, cancellationToken);

    /// <inheritdoc cref="OnNotificationAsync(Func{Notification, Task}, CancellationToken)"/>
    public Task<IAsyncDisposable> OnNotificationAsync(Action<Notification> handler, CancellationToken cancellationToken = default) =>
        OnNotificationAsync(Synchronous(handler), cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with every heartbeat of every node (Ratio1's <c>on_heartbeat</c>).</summary>
    public async Task<IAsyncDisposable> OnHeartbeatAsync(Func<Heartbeat, Task> handler, CancellationToken cancellationToken = default) =>
        await FleetWatch<Heartbeat>.StartAsync(Traffic, NodeStreamsAsync(TrafficStreams.Heartbeats), handler, _discoveryPeriod, cancellationToken);

    /// <inheritdoc cref="OnHeartbeatAsync(Func{Heartbeat, Task}, CancellationToken)"/>
    public Task<IAsyncDisposable> OnHeartbeatAsync(Action<Heartbeat> handler, CancellationToken cancellationToken = default) =>
        OnHeartbeatAsync(Synchronous(handler), cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with every payload of one pipeline.</summary>
    public Task<IAsyncDisposable> OnPipelinePayloadAsync(string node, string pipeline, Func<Payload, Task> handler) =>
        Traffic.SubscribeAsync(TrafficStreams.Payloads(Identifiers.RequireNodeId(node), Identifiers.RequirePipelineName(pipeline)), handler);

    /// <summary>
    /// Calls <paramref name="handler"/> with every payload of every live pipeline of one node. Pipelines that start later
    /// are joined as they announce themselves (<c>PIPELINE_OK</c>) or at the next discovery
    /// (<see cref="Ratio1SessionOptions.DiscoveryPeriod"/>); archived and deleted ones are left. Dispose the result to stop.
    /// </summary>
    public Task<IAsyncDisposable> OnNodePayloadAsync(string node, Func<Payload, Task> handler, CancellationToken cancellationToken = default)
    {
        Identifiers.RequireNodeId(node);
        return WatchPayloadsAsync(ct => NodePipelineStreamsAsync(node, ct),
            _ => Task.FromResult<IReadOnlyCollection<StreamId>>([TrafficStreams.Notifications(node)]), handler, cancellationToken);
    }

    /// <summary>Calls <paramref name="handler"/> with every notification of one node.</summary>
    public Task<IAsyncDisposable> OnNodeNotificationAsync(string node, Func<Notification, Task> handler) =>
        Traffic.SubscribeAsync(TrafficStreams.Notifications(Identifiers.RequireNodeId(node)), handler);

    /// <summary>Calls <paramref name="handler"/> with every heartbeat of one node.</summary>
    public Task<IAsyncDisposable> OnNodeHeartbeatAsync(string node, Func<Heartbeat, Task> handler) =>
        Traffic.SubscribeAsync(TrafficStreams.Heartbeats(Identifiers.RequireNodeId(node)), handler);

    /// <summary>
    /// Sends an <c>INSTANCE_COMMAND</c> and waits for the node's answer (<c>PLUGIN_INSTANCE_COMMAND_OK</c>), which it
    /// returns. The command reaches the instance's <c>OnCommand</c> exactly once, without reconfiguring it.
    /// </summary>
    /// <param name="command">The command: a string (<c>"RESET"</c>) or an object.</param>
    /// <param name="parameters">Ratio1's <c>COMMAND_PARAMS</c> (keys upper-cased).</param>
    /// <exception cref="CommandFailedException">The instance failed the command, or did not answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="NodeUnavailableException">The node is not running.</exception>
    /// <exception cref="MessageTooLargeException">The command is larger than the limit of one message (<see cref="Ratio1SessionOptions.MaxMessageBytes"/>, or the node's); it was not sent.</exception>
    public async Task<Notification> SendInstanceCommandAsync(string node, string pipeline, string signature, string instanceId, object command,
        IReadOnlyDictionary<string, object?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var sent = new InstanceCommand(Guid.NewGuid(), Identifiers.RequirePipelineName(pipeline), Identifiers.RequireSignature(signature),
            Identifiers.RequireInstanceId(instanceId), ConfigValue.From(command), ConfigInput.ToMap(parameters), ClientName, SessionId);
        RequireWithinLimit($"the command for instance {signature}/{instanceId} of pipeline '{pipeline}'", MessageSize.Of(sent));
        return await CommandAsync(node, sent.CommandId, () => Client.GetNode(node).SendInstanceCommandAsync(sent, cancellationToken),
            NotificationCode.PluginInstanceCommandOk, NotificationCode.PluginInstanceCommandFailed, timeout, cancellationToken);
    }

    /// <summary>Sends a <c>PIPELINE_COMMAND</c> to the pipeline's capture source and waits for its answer (<c>PIPELINE_OK</c>).</summary>
    /// <exception cref="CommandFailedException">The source failed the command, or did not answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="NodeUnavailableException">The node is not running.</exception>
    /// <exception cref="MessageTooLargeException">The command is larger than the limit of one message (<see cref="Ratio1SessionOptions.MaxMessageBytes"/>, or the node's); it was not sent.</exception>
    public async Task<Notification> SendPipelineCommandAsync(string node, string pipeline, object command,
        IReadOnlyDictionary<string, object?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var sent = new PipelineCommand(Guid.NewGuid(), Identifiers.RequirePipelineName(pipeline), ConfigValue.From(command), ConfigInput.ToMap(parameters), ClientName, SessionId);
        RequireWithinLimit($"the command for pipeline '{pipeline}'", MessageSize.Of(sent));
        return await CommandAsync(node, sent.CommandId, () => Client.GetNode(node).SendPipelineCommandAsync(sent, cancellationToken),
            NotificationCode.PipelineOk, NotificationCode.PipelineFailed, timeout, cancellationToken);
    }

    /// <summary>
    /// Pushes an input into an <c>OnDemandInput</c> pipeline; returns once the node has queued it. Payloads answering it
    /// carry the returned id under <c>INPUT_ID</c>.
    /// </summary>
    /// <exception cref="MessageTooLargeException">The input is larger than the limit of one message (<see cref="Ratio1SessionOptions.MaxMessageBytes"/>, or the node's); it was not sent.</exception>
    public async Task<Guid> PushInputAsync(string node, string pipeline, object data, CancellationToken cancellationToken = default)
    {
        var input = new PipelineInput(Guid.NewGuid(), Identifiers.RequirePipelineName(pipeline), ConfigValue.From(data), ClientName);
        RequireWithinLimit($"the input for pipeline '{pipeline}'", MessageSize.Of(input));
        await Client.GetNode(node).PushInputAsync(input, cancellationToken);
        return input.InputId;
    }

    /// <summary>Request/response on an <c>OnDemandInput</c> pipeline: pushes <paramref name="data"/> and returns the first payload answering it.</summary>
    /// <exception cref="TimeoutException">No payload answered within <paramref name="timeout"/> (default 15 s).</exception>
    /// <exception cref="MessageTooLargeException">The input is larger than the limit of one message; it was not sent.</exception>
    public async Task<Payload> RequestAsync(string node, string pipeline, object data, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var answer = new TaskCompletionSource<Payload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inputId = Guid.NewGuid();
        var input = new PipelineInput(inputId, Identifiers.RequirePipelineName(pipeline), ConfigValue.From(data), ClientName);
        RequireWithinLimit($"the input for pipeline '{pipeline}'", MessageSize.Of(input));
        var lost = Connection.Lost;
        await using (await OnPipelinePayloadAsync(node, pipeline, p =>
        {
            if (p.Data.GetValueOrDefault("INPUT_ID") is { Kind: ConfigValueKind.String } id && id.AsString() == inputId.ToString())
            {
                answer.TrySetResult(p);
            }

            return Task.CompletedTask;
        }))
        {
            await Client.GetNode(node).PushInputAsync(input, cancellationToken);
            var limit = timeout ?? TimeSpan.FromSeconds(15);
            var answered = answer.Task.WaitAsync(limit, cancellationToken);
            if (await Task.WhenAny(answered, lost) == lost)
            {
                throw new ConnectionLostException(
                    $"The connection to the cluster ({Connection.Gateways}) was lost before a payload of pipeline '{pipeline}' on node '{node}' answered input {inputId}; the input may or may not have been processed.");
            }

            try
            {
                return await answered;
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"No payload of pipeline '{pipeline}' on node '{node}' answered input {inputId} within {limit.TotalSeconds:0.#} s.");
            }
        }
    }

    /// <summary>
    /// Adds a model to a node's serving engine, or replaces the model of that name once the new one has loaded (the
    /// node must be online: it loads the file from its own disk and warms the model up before answering). The node
    /// keeps it across restarts. Instances use it by naming it in <c>AI_ENGINE</c>.
    /// </summary>
    /// <returns>The model's status on the node: provider actually used (with the reason for any fallback), tensors, batch size.</returns>
    /// <exception cref="InvalidConfigException">A bad field of the declaration, or a file the node cannot load (field <c>Path</c>); nothing changed.</exception>
    /// <exception cref="NodeUnavailableException">The node is not running.</exception>
    public Task<ModelStatus> AddModelAsync(string node, ModelDeclaration declaration, CancellationToken cancellationToken = default) =>
        Client.GetNode(node).AddModelAsync(declaration, cancellationToken);

    /// <summary>Removes a model a client added to a node (models declared in the node's settings are changed there). A stopped node forgets it too: it is not loaded when the node starts.</summary>
    /// <exception cref="ModelNotFoundException">The node has no such model.</exception>
    public Task RemoveModelAsync(string node, string name, CancellationToken cancellationToken = default) =>
        Client.GetNode(node).RemoveModelAsync(name, cancellationToken);

    /// <summary>
    /// The allow-list of <paramref name="node"/>, or the fleet-wide one when <paramref name="node"/> is null: who may do
    /// what, and every change made to it (with who made it and their signed request). Needs the viewer role there.
    /// </summary>
    public Task<AccessList> GetAccessAsync(string? node, CancellationToken cancellationToken = default) =>
        AccessGrain(node).GetAsync(cancellationToken);

    /// <summary>
    /// Gives <paramref name="address"/> (an identity's <c>0xai_...</c> address) <paramref name="role"/> on
    /// <paramref name="node"/>, or fleet-wide when null, replacing the role it had there. Takes effect on its next
    /// request. Needs the admin role; audited.
    /// </summary>
    /// <exception cref="InvalidConfigException">The address or role is not valid.</exception>
    /// <exception cref="UnauthorizedException">This session's identity is not an admin there.</exception>
    public Task<AccessList> GrantAccessAsync(string? node, string address, AccessRole role, string? alias = null, CancellationToken cancellationToken = default) =>
        AccessGrain(node).GrantAsync(address, role, alias, cancellationToken);

    /// <summary>
    /// Removes <paramref name="address"/> from the allow-list of <paramref name="node"/> (fleet-wide when null); false
    /// when it was not on it. Takes effect on its next request. Needs the admin role; audited.
    /// </summary>
    public Task<bool> RevokeAccessAsync(string? node, string address, CancellationToken cancellationToken = default) =>
        AccessGrain(node).RevokeAsync(address, cancellationToken);

    /// <summary>The address this session signs its requests with, or null when it does not sign them.</summary>
    public string? IdentityAddress { get; }

    private IAccessGrain AccessGrain(string? node) => node is null ? Client.GetFleetAccess() : Client.GetAccess(node);

    /// <summary>The models of a running node: state, execution provider, device, tensors and what each has served.</summary>
    public async Task<IReadOnlyList<ModelStatus>> GetModelsAsync(string node, CancellationToken cancellationToken = default) =>
        await Client.GetNode(node).ListModelsAsync(cancellationToken);

    /// <summary>
    /// Request/response inference: runs one item through a model of a node, batched on the node with every other
    /// request to that model (plugin instances' included). <paramref name="parameters"/> are Ratio1's
    /// <c>INFERENCE_AI_ENGINE_PARAMS</c> (<c>TOP_K</c>, <c>SCORE_THRESHOLD</c>, <c>IOU_THRESHOLD</c>, <c>MAX_DETECTIONS</c>).
    /// </summary>
    /// <exception cref="ModelNotFoundException">The node serves no such model (the message lists those it serves).</exception>
    /// <exception cref="ModelOverloadedException">The model's queue is full; retry later.</exception>
    /// <exception cref="InvalidConfigException">The input does not fit the model (the field names the tensor and its shape).</exception>
    /// <exception cref="NodeUnavailableException">The node is not running.</exception>
    /// <exception cref="NodeNotFoundException">No such node has ever registered.</exception>
    /// <remarks>
    /// The session asks the node's grain once where the node's runtime is and then sends requests to it directly, so
    /// a request's input crosses the wire once. When the node's silo restarts or the node moves, the next request
    /// finds it again by itself.
    /// </remarks>
    public Task<InferenceResult> InferAsync(string node, string model, InferenceInput input, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        _runtimes.InferAsync(node, model, input, ConfigInput.ToMap(parameters), cancellationToken);

    /// <summary>Disconnects (and stops reconnecting). Never throws: a cluster that is gone needs no goodbye.</summary>
    public async ValueTask DisposeAsync()
    {
        // Once: an application's container may dispose a shared session after its hosted service did.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _reconnection.DisposeAsync();
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Stopping only releases this process's resources; with the cluster out of reach it may time out.
        }
        finally
        {
            LogClosed(_logger, SessionId, _where);
            _host.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the cluster at {Gateways} as {ClientName} (session {SessionId}, identity {Identity})")]
    private static partial void LogConnected(ILogger logger, string gateways, string clientName, string sessionId, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed session {SessionId} to the cluster at {Gateways}")]
    private static partial void LogClosed(ILogger logger, string sessionId, string gateways);

    internal IPipelineGrain PipelineGrain(string node, string name) => Client.GetPipeline(node, name);

    // Checked here so a message the node would refuse does not cross the network first; the node checks again.
    // A document larger than a node takes would be refused there; one far larger would make the node's transport drop
    // the connection instead. Either way it is not sent.
    internal ConfigMap WithinConfigLimit(string pipeline, ConfigMap document)
    {
        var size = MessageSize.Of(document);
        return size <= _maxConfigBytes
            ? document
            : throw new OverLimitException($"the config document for pipeline '{pipeline}'", size, _maxConfigBytes, "bytes (UTF-8 JSON)", $"{nameof(Ratio1SessionOptions)}.{nameof(Ratio1SessionOptions.MaxConfigBytes)}");
    }

    private void RequireWithinLimit(string what, long size)
    {
        if (size > _maxMessageBytes)
        {
            throw new MessageTooLargeException(what, size, _maxMessageBytes, $"{nameof(Ratio1SessionOptions)}.{nameof(Ratio1SessionOptions.MaxMessageBytes)}");
        }
    }

    internal ClusterConnection Connection { get; }

    internal TrafficSubscriptions Traffic { get; }

    internal ChangeRequest Request(int? expectedVersion) => new(ClientName, SessionId, expectedVersion);

    private async Task<Notification> CommandAsync(string node, Guid commandId, Func<Task> send, NotificationCode ok, NotificationCode failed, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await using var waiter = await NotificationWaiter.StartAsync(Traffic, Connection, Identifiers.RequireNodeId(node), n => n.CommandId == commandId);
        await send();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        try
        {
            await waiter.WaitAsync(received => received.Any(n => n.Code == ok || n.Code == failed), limit, cancellationToken);
        }
        catch (ConnectionLostException e)
        {
            throw new ConnectionLostException($"{e.Message.TrimEnd('.')} to command {commandId}; the command may or may not have run.", innerException: e);
        }

        var answer = waiter.Received.FirstOrDefault(n => n.Code == ok || n.Code == failed)
            ?? throw new CommandFailedException(commandId, $"Node '{node}' did not answer command {commandId} within {limit.TotalSeconds:0.#} s.", null);
        return answer.Code == ok ? answer : throw new CommandFailedException(commandId, answer.Message, answer);
    }

    private Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> NodeStreamsAsync(Func<string, StreamId> streamOf) => async cancellationToken =>
        [.. (await Client.GetFleet().GetNodeIdsAsync(cancellationToken)).Select(streamOf)];

    private async Task<IReadOnlyCollection<StreamId>> PipelineStreamsAsync(CancellationToken cancellationToken)
    {
        var nodes = await Client.GetFleet().GetNodeIdsAsync(cancellationToken);
        var pipelines = await Task.WhenAll(nodes.Select(node => NodePipelineStreamsAsync(node, cancellationToken)));
        return [.. pipelines.SelectMany(p => p)];
    }

    private async Task<IReadOnlyCollection<StreamId>> NodePipelineStreamsAsync(string node, CancellationToken cancellationToken) =>
        [.. (await Client.GetNode(node).ListPipelinesAsync(includeArchived: false, cancellationToken)).Select(p => TrafficStreams.Payloads(node, p.Name))];

    // Payloads of a changing set of pipelines; announcements on the given notification streams trigger rediscovery.
    private async Task<IAsyncDisposable> WatchPayloadsAsync(Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> pipelineStreams,
        Func<CancellationToken, Task<IReadOnlyCollection<StreamId>>> notificationStreams, Func<Payload, Task> handler, CancellationToken cancellationToken)
    {
        var payloads = await FleetWatch<Payload>.StartAsync(Traffic, pipelineStreams, handler, _discoveryPeriod, cancellationToken);

        try
        {
            // A new pipeline announces itself (PIPELINE_OK): join its stream at once rather than at the next discovery.
            var announcements = await FleetWatch<Notification>.StartAsync(Traffic, notificationStreams, n =>
            {
                if (n.Code == NotificationCode.PipelineOk && n.CommandId is null)
                {
                    payloads.Nudge();
                }

                return Task.CompletedTask;
            }, _discoveryPeriod, cancellationToken);
            return new Subscriptions(announcements, payloads);
        }
        catch
        {
            await payloads.DisposeAsync();
            throw;
        }
    }

    // Any answer but a connection fault (or no answer in time) means the cluster is reachable again.
    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Client.GetFleet().GetNodeIdsAsync(cancellationToken);
        }
        catch (Exception e) when (e is not (ConnectionLostException or TimeoutException or OperationCanceledException))
        {
        }
    }

    private void Raise<TArgs>(EventHandler<TArgs>? handlers, TArgs args)
    {
        try
        {
            handlers?.Invoke(this, args);
        }
        catch (Exception e)
        {
            _onHandlerError(e);
        }
    }

    internal static Func<T, Task> Synchronous<T>(Action<T> handler) => item =>
    {
        handler(item);
        return Task.CompletedTask;
    };

    private sealed class Subscriptions(params IAsyncDisposable[] parts) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var part in parts)
            {
                await part.DisposeAsync();
            }
        }
    }

    private static async Task<IPEndPoint[]> ResolveGatewaysAsync(IEnumerable<string> gateways, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in gateways.Select(GatewayAddress.Parse))
        {
            if (IPAddress.TryParse(gateway.Host, out var address))
            {
                endpoints.Add(new IPEndPoint(address, gateway.Port));
                continue;
            }

            IPAddress[] addresses;
            try
            {
                addresses = await Dns.GetHostAddressesAsync(gateway.Host, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new Ratio1ConnectionException($"Gateway host '{gateway.Host}' could not be resolved: {e.Message}", e);
            }

            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new Ratio1ConnectionException($"Gateway host '{gateway.Host}' has no address.");
            endpoints.Add(new IPEndPoint(chosen, gateway.Port));
        }

        return endpoints.Count > 0 ? [.. endpoints] : throw new ArgumentException("At least one gateway is required.", nameof(gateways));
    }
}
