using System.Net;
using Orleans.Configuration;
using Ratio1.Orleans.Dashboard.Hosting;
using Ratio1.Orleans.Grains.Hosting;
using Ratio1.Orleans.Grains.Security;
using Ratio1.Orleans.Edge.Hosting;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Serving.Engine;
using Ratio1.Orleans.Silo.Cli;
using Ratio1.Orleans.Silo.Dashboard;
using Ratio1.Orleans.Silo.Health;
using Ratio1.Orleans.Silo.Telemetry;
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
        // Parsed first: an unknown option or a value of the wrong kind is named before anything else is read.
        var commandLine = SiloCommandLine.SettingsOf(args);
        WebSettings.RejectTokenOnCommandLine(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        commandLine.AddTo(builder.Configuration.AddEnvironmentVariables(SiloSwitch.EnvironmentPrefix));
        configure?.Invoke(builder);

        var storage = StorageSection.Read(builder.Configuration);
        var traffic = TrafficSection.Read(builder.Configuration);
        // Validated here, by the validators the host also runs at start (ValidateOnStart), since Program claims the
        // node's lease and migrates the schema before the host starts (see SiloSettings.Check).
        var (node, network, membership, telemetry, tls, security) = SiloSettings.Check(builder.Configuration, traffic, storage.Provider);
        builder.Services.AddSiloSettings(builder.Configuration);
        var admins = new ConfiguredAdmins(Microsoft.Extensions.Options.Options.Create(security));
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
        builder.Services.PostConfigure<NodeOptions>(o => o.Id = nodeId);
        builder.Services.Configure<ServingOptions>(builder.Configuration.GetSection(ServingOptions.SectionName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.UseUrls(network.HttpUrls);
        builder.AddRatio1Telemetry(telemetry, nodeId);

        builder.Services.AddRatio1HealthChecks();
        var orleansDashboard = OrleansDashboardSettings.Read(builder.Configuration);
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
            silo.AddRatio1OrleansDashboard(orleansDashboard);
        });
        builder.AddSiloDashboard(network, tls, traffic, storage, nodeId, webToken, webGate.Required, adminsConfigured);

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
        if (StorageSection.OnCommandLine(args))
        {
            SecretsLog.ConnectionStringOnCommandLine(app.Logger);
        }

        if (builder.Configuration["Storage:ConnectionStringFile"] is { Length: > 0 } secretFile && StorageSection.ReadableByOthers(secretFile))
        {
            SecretsLog.ConnectionStringFileReadable(app.Logger, secretFile);
        }

        app.MapRatio1Health();
        app.MapRatio1Telemetry(telemetry);
        app.MapRatio1OrleansDashboard(orleansDashboard);
        app.MapRatio1Dashboard();
        return app;
    }
}
