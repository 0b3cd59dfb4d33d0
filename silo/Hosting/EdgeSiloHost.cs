using System.Net;
using Orleans.Configuration;
using Ratio1.Orleans.Grains.Hosting;
using Ratio1.Orleans.Grains.Security;
using Ratio1.Orleans.Edge.Hosting;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Serving.Engine;
using Ratio1.Orleans.Silo.Telemetry;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Health;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Builds the edge silo: one Orleans silo serving one node, configured from appsettings.json, environment variables
/// (<c>R1_Section__Key</c>) and the command line. Tests and benchmarks build the very same host.
/// </summary>
public static class EdgeSiloHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        CommandLine.CheckKnown(args);
        WebSettings.RejectTokenOnCommandLine(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddEnvironmentVariables("R1_")
            .AddCommandLine(CommandLine.Normalize(args), CommandLine.SwitchMappings());
        configure?.Invoke(builder);

        var node = builder.Configuration.GetSection(NodeOptions.SectionName).Get<NodeOptions>() ?? new NodeOptions();
        var network = builder.Configuration.GetSection(NetworkOptions.SectionName).Get<NetworkOptions>() ?? new NetworkOptions();
        var storage = StorageSection.Read(builder.Configuration);
        var traffic = TrafficSection.Read(builder.Configuration);
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var tls = builder.Configuration.GetSection(TlsSettings.SectionName).Get<TlsSettings>() ?? new TlsSettings();
        var membership = builder.Configuration.GetSection(MembershipSettings.SectionName).Get<MembershipSettings>() ?? new MembershipSettings();
        var problems = node.Problems().Concat(network.Problems()).Concat(membership.Problems()).Concat(traffic.Problems(storage.Provider)).Concat(telemetry.Problems()).Concat(tls.Problems()).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid settings:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)));
        }

        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        ConfiguredAdmins admins;
        try
        {
            // Read and checked now: a bad admin address must stop the silo at start, naming the setting.
            admins = new ConfiguredAdmins(Microsoft.Extensions.Options.Options.Create(security));
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("Invalid settings:" + Environment.NewLine + "  " + e.Message);
        }

        if (security.ReplayWindowSeconds is < 5 or > 3600)
        {
            throw new ArgumentException($"Invalid settings:{Environment.NewLine}  {SecurityOptions.Section}:ReplayWindowSeconds must be between 5 and 3600, not {security.ReplayWindowSeconds}.");
        }

        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        builder.Services.AddSingleton(admins);

        var webToken = (builder.Configuration.GetSection(WebSettings.SectionName).Get<WebSettings>() ?? new WebSettings()).ResolveToken();
        var exposure = ListenerExposure.Of(network, storage.Provider);
        var adminsConfigured = ListenerExposure.AdminsConfigured(builder.Configuration);
        exposure.Check(adminsConfigured, tls.IsConfigured, webToken is not null, network.SiloPort, network.GatewayPort);
        var webGate = new WebTokenGate(webToken, required: exposure.WebExposed || builder.Configuration.GetValue<bool>("Web:RequireToken"));

        var reach = NodeReachSection.Read(builder.Configuration, storage.DataDirectory);
        var nodeId = node.ResolveId();
        var limits = LimitsSection.Read(builder.Configuration, traffic.MaxMessageBytes);
        reach.ApplyTo(builder.Services, limits.MaxModelBytes);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(limits.Pipelines));
        builder.Services.Configure<NodeOptions>(builder.Configuration.GetSection(NodeOptions.SectionName));
        builder.Services.PostConfigure<NodeOptions>(o => o.Id = nodeId);
        builder.Services.Configure<ServingOptions>(builder.Configuration.GetSection(ServingOptions.SectionName));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(network));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.UseUrls(network.HttpUrls);
        builder.AddRatio1Telemetry(telemetry, nodeId);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = network.ClusterId;
                o.ServiceId = network.ServiceId;
            });

            if (storage.Provider == StorageProvider.Postgres)
            {
                // Listening beyond loopback is a choice (--advertised-address, --listen-address), never a default.
                var listen = network.ListeningAddress();
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = network.AdvertisedIPAddress();
                    o.SiloPort = network.SiloPort;
                    o.GatewayPort = network.GatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(listen, network.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(listen, network.GatewayPort);
                });
                silo.UseRatio1PostgresClustering(storage);
                silo.Configure<ClusterMembershipOptions>(membership.ApplyTo);
            }
            else
            {
                silo.UseLocalhostClustering(network.SiloPort, network.GatewayPort, serviceId: network.ServiceId, clusterId: network.ClusterId);
            }

            if (tls.IsConfigured)
            {
                silo.UseRatio1Tls(tls);
            }

            // The transport's backstop: a message larger than this is refused as it arrives, before its body is read.
            silo.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = limits.MaxMessageBodyBytes);
            silo.AddRatio1Storage(storage);
            silo.AddRatio1ControlPlane();
            silo.AddRatio1EdgeRuntime(nodeId);
            silo.AddRatio1Traffic(traffic, storage);
            silo.AddActivityPropagation();
        });

        var app = builder.Build();
        if (!adminsConfigured)
        {
            exposure.LogSecurityOff(app.Logger, network.SiloPort, network.GatewayPort);
        }
        else
        {
            ListenerExposure.LogSecurityOn(app.Logger, admins.Count, security.ReplayWindowSeconds);
        }

        app.Use(webGate.InvokeAsync);
        app.MapGet(WebTokenGate.LivenessPath, () => Results.Ok(new { status = "ok" }));
        if (StorageSection.OnCommandLine(args))
        {
            SecretsLog.ConnectionStringOnCommandLine(app.Logger);
        }

        if (builder.Configuration["Storage:ConnectionStringFile"] is { Length: > 0 } secretFile && StorageSection.ReadableByOthers(secretFile))
        {
            SecretsLog.ConnectionStringFileReadable(app.Logger, secretFile);
        }

        app.MapGet("/health", async (NodeRuntime runtime, StorageProbe storage, CancellationToken cancellationToken) =>
            await storage.CheckAsync(cancellationToken) is { } failure
                ? Results.Json(new
                {
                    status = "unhealthy",
                    node = nodeId,
                    version = NodeRuntime.Version,
                    pipelines = runtime.RunningPipelines,
                    storage = failure.Kind == DatabaseFailureKind.Failed ? "failing" : "unreachable",
                    reason = SecretMask.Apply(failure.Reason),
                }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new { status = "ok", node = nodeId, version = NodeRuntime.Version, pipelines = runtime.RunningPipelines, storage = "ok" }));
        app.MapRatio1Telemetry(telemetry);
        return app;
    }
}
