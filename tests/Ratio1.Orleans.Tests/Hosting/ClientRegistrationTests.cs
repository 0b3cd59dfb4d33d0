using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Client.Hosting;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Hosting;

/// <summary><c>services.AddRatio1Client</c> in a real Generic Host, as an ASP.NET Core or worker application uses it, against a real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class ClientRegistrationTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_host_connects_one_shared_session_from_configuration_that_deploys_and_reads_a_pipeline()
    {
        var builder = NewHostBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ratio1:Gateways:0"] = $"127.0.0.1:{fixture.Silo.GatewayPort}",
            ["Ratio1:ClientName"] = "hosted-app",
        });
        builder.Services.AddRatio1Client(builder.Configuration.GetSection("Ratio1"));
        using var host = builder.Build();
        await host.StartAsync();
        var session = host.Services.GetRequiredService<Ratio1Session>();
        var name = SiloFixture.UniqueName("hosted");

        var pipeline = session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance(EchoPipelines.Signature, EchoPipelines.InstanceId, new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        var deployed = await pipeline.DeployAsync();
        var read = await session.GetPipelineAsync(Node, name);
        await session.DeletePipelineAsync(Node, name);

        Assert.Same(session, host.Services.GetRequiredService<Ratio1Session>());
        Assert.Same(session, await host.Services.GetRequiredService<IRatio1SessionProvider>().GetSessionAsync());
        Assert.Equal(["127.0.0.1:" + fixture.Silo.GatewayPort], host.Services.GetRequiredService<IOptions<Ratio1SessionOptions>>().Value.Gateways);
        Assert.Equal("hosted-app", session.ClientName);
        Assert.Equal(deployed.Version, read.Version);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_shared_session_logs_through_the_applications_logging()
    {
        var logs = new RecordingLoggerProvider();
        var builder = NewHostBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddRatio1Client(o => o.Gateways = [$"127.0.0.1:{fixture.Silo.GatewayPort}"]);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Contains(logs.Records, r => r.Category == typeof(Ratio1Session).FullName && r.Level == LogLevel.Information
            && r.Message.StartsWith($"Connected to the cluster at 127.0.0.1:{fixture.Silo.GatewayPort} as ", StringComparison.Ordinal));
        // Orleans' own client logs reach the application too.
        Assert.Contains(logs.Records, r => r.Category.StartsWith("Orleans.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_host_disposes_the_shared_session()
    {
        var logs = new RecordingLoggerProvider();
        var builder = NewHostBuilder();
        builder.Logging.AddProvider(logs);
        builder.Services.AddRatio1Client(o => o.Gateways = [$"127.0.0.1:{fixture.Silo.GatewayPort}"]);
        using var host = builder.Build();
        await host.StartAsync();
        var session = host.Services.GetRequiredService<Ratio1Session>();

        await host.StopAsync();

        // Written by the session's DisposeAsync, once it has stopped its client.
        Assert.Contains(logs.Records, r => r.Message == $"Closed session {session.SessionId} to the cluster at 127.0.0.1:{fixture.Silo.GatewayPort}");
    }

    [Fact]
    public async Task A_bad_gateway_in_configuration_fails_the_start_naming_the_setting_and_its_value()
    {
        var builder = NewHostBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ratio1:Gateways"] = "127.0.0.1:30000, edge-gateway" });
        builder.Services.AddRatio1Client(builder.Configuration.GetSection("Ratio1"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Ratio1:Gateways:1 = 'edge-gateway' is not host:port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateways_given_as_one_comma_separated_setting_replace_the_default()
    {
        var builder = NewHostBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ratio1:Gateways"] = "10.0.0.1:30000, 10.0.0.2:30000" });
        builder.Services.AddRatio1Client(builder.Configuration.GetSection("Ratio1"));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<Ratio1SessionOptions>>().Value;

        Assert.Equal(["10.0.0.1:30000", "10.0.0.2:30000"], options.Gateways);
    }

    [Fact]
    public void The_session_resolved_before_the_host_started_is_refused_pointing_to_the_provider()
    {
        var builder = NewHostBuilder();
        builder.Services.AddRatio1Client(o => o.Gateways = [$"127.0.0.1:{fixture.Silo.GatewayPort}"]);
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<Ratio1Session>());

        Assert.Contains("IRatio1SessionProvider", error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder NewHostBuilder() => Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
}
