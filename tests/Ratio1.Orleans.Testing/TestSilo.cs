using Microsoft.AspNetCore.Builder;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Testing;

/// <summary>
/// A real edge silo (the same host the product runs) in this process, on free TCP ports, with its own data directory.
/// Clients reach it over TCP like any external client. <see cref="RestartAsync"/> stops it and starts a new silo on
/// the same storage.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly string[] _extraArgs;
    private readonly Action<WebApplicationBuilder>? _configure;
    private readonly bool _ownsDataDirectory;
    private WebApplication? _app;

    private TestSilo(string nodeId, string dataDirectory, bool ownsDataDirectory, string[] extraArgs, Action<WebApplicationBuilder>? configure)
    {
        _configure = configure;
        NodeId = nodeId;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _extraArgs = extraArgs;
    }

    public string NodeId { get; }

    public string DataDirectory { get; }

    public int GatewayPort { get; private set; }

    public int SiloPort { get; private set; }

    public bool IsRunning => _app is not null;

    /// <summary>The running silo's services (what the silo's own code resolves).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The silo is not running.");

    /// <summary>The plugins and capture types the running silo offers.</summary>
    public Edge.Plugins.PluginCatalog Catalog =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Edge.Plugins.PluginCatalog>(Services);

    /// <summary>The node runtime of the running silo (what it executes now).</summary>
    public Edge.Runtime.NodeRuntime Runtime =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Edge.Runtime.NodeRuntime>(Services);

    /// <summary>Where the running silo's HTTP endpoints (<c>/health</c>, <c>/metrics</c>) listen (a free port chosen at start).</summary>
    public Uri HttpAddress => new(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
        .GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(Services)
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Options for a session connected to this silo.</summary>
    public Ratio1SessionOptions SessionOptions(string clientName = "test-client") => new()
    {
        Gateways = [$"127.0.0.1:{GatewayPort}"],
        ClientName = clientName,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Starts a silo for <paramref name="nodeId"/> (default: SQLite in a fresh temp folder).</summary>
    /// <param name="configure">Extra host configuration (services, settings) applied before the silo is built.</param>
    /// <param name="extraArgs">More silo command-line options, e.g. <c>--storage postgres --connection-string ...</c>.</param>
    public static async Task<TestSilo> StartAsync(string nodeId = "test-node", string? dataDirectory = null, Action<WebApplicationBuilder>? configure = null, string[]? extraArgs = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("r1-silo-").FullName;
        var silo = new TestSilo(nodeId, dataDirectory, owns, extraArgs ?? [], configure);
        await silo.StartHostAsync();
        return silo;
    }

    /// <summary>Connects a client session to this silo.</summary>
    public Task<Ratio1Session> ConnectAsync(string clientName = "test-client", CancellationToken cancellationToken = default) =>
        Ratio1Session.ConnectAsync(SessionOptions(clientName), cancellationToken);

    /// <summary>Stops the silo gracefully.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Stops the silo and starts a new one on the same storage (new ports: reconnect clients).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartHostAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS cleans temp folders.
            }
        }
    }

    private async Task StartHostAsync()
    {
        SiloPort = FreePorts.Next();
        GatewayPort = FreePorts.Next();
        string[] args =
        [
            "--node-id", NodeId,
            "--data-dir", DataDirectory,
            "--silo-port", SiloPort.ToString(),
            "--gateway-port", GatewayPort.ToString(),
            "--http-urls", "http://127.0.0.1:0",
            .. TestReach.Args,
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            .. _extraArgs,
        ];
        var app = EdgeSiloHost.Build(args, _configure);
        await app.StartAsync();
        _app = app;
    }
}
