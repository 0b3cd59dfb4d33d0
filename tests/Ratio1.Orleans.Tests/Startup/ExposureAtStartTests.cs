using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Startup;

/// <summary>
/// Secure by default, easy to start: every listener binds loopback unless told otherwise; on loopback the silo starts
/// with no set-up and says security is off; bound beyond loopback without security it refuses to start, in one line
/// that says what to configure, with exit code 7 (<see cref="SiloExitCodes.InsecureBinding"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExposureAtStartTests(PostgresFixture postgres) : IDisposable
{
    // The check comes before the database is used: this one is never reached.
    private const string UnusedDatabase = "Host=127.0.0.1;Port=9;Username=ratio1;Database=ratio1";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("r1-exposure-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task A_cluster_silo_listening_on_every_interface_without_security_refuses_to_start_and_says_what_to_configure()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--storage", "postgres", "--connection-string", UnusedDatabase, "--listen-address", "0.0.0.0"]);

        Assert.True(result.ExitCode == SiloExitCodes.InsecureBinding, result.ToString());
        var line = SingleLine(result.Stderr);
        Assert.StartsWith("error: refusing to listen on 0.0.0.0 (silo port ", line);
        Assert.Contains("configure admins (Security:Admins or Security:AdminsFile), TLS (--tls-certificate, --tls-key, --tls-ca: Tls:*)", line);
    }

    [Fact]
    public async Task A_cluster_silo_advertising_a_non_loopback_address_without_security_refuses_to_start()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--storage", "postgres", "--connection-string", UnusedDatabase, "--advertised-address", "10.1.2.3"]);

        Assert.True(result.ExitCode == SiloExitCodes.InsecureBinding, result.ToString());
        Assert.StartsWith("error: refusing to listen on 10.1.2.3 (silo port ", SingleLine(result.Stderr));
    }

    [Fact]
    public async Task A_web_host_on_every_interface_without_a_token_refuses_to_start_and_names_the_token()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs("http://0.0.0.0:0")]);

        Assert.True(result.ExitCode == SiloExitCodes.InsecureBinding, result.ToString());
        Assert.Equal(
            "error: refusing to listen on http://0.0.0.0:0 without security: configure admins (Security:Admins or Security:AdminsFile), a web token (Web:TokenFile, or R1_Web__Token), or bind loopback only (the default)",
            SingleLine(result.Stderr));
    }

    [Fact]
    public async Task A_web_token_on_the_command_line_is_refused_without_repeating_it()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--Web:Token=visible-to-every-local-user"]);

        Assert.True(result.ExitCode == SiloExitCodes.InvalidSettings, result.ToString());
        Assert.StartsWith("error: Web:Token must not be given on the command line", SingleLine(result.Stderr));
        Assert.DoesNotContain("visible-to-every-local-user", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_silo_on_loopback_starts_with_no_set_up_and_says_security_is_off()
    {
        await using var silo = await SiloProcess.StartAsync("edge-easy");

        Assert.Contains("Security is off: no admins are configured (Security:Admins), which is allowed because every endpoint listens on loopback only", silo.Log);
    }

    [Fact]
    public async Task In_cluster_mode_the_silo_and_gateway_listen_on_loopback_by_default()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-default", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);

        var endpoints = silo.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Loopback, endpoints.GatewayListeningEndpoint!.Address);
        Assert.Equal(IPAddress.Loopback, endpoints.SiloListeningEndpoint!.Address);
        // Seen from outside: the gateway port is closed on the machine's other addresses.
        foreach (var address in NonLoopbackAddresses())
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(address, silo.GatewayPort));
        }
    }

    [Fact]
    public void Every_interface_is_allowed_once_admins_TLS_and_a_web_token_are_configured()
    {
        var exposure = ListenerExposure.Of(new NetworkOptions { ListenAddress = "0.0.0.0", HttpUrls = "http://0.0.0.0:8080" }, Ratio1.Orleans.Storage.Hosting.StorageProvider.Postgres);

        Assert.True(exposure.OrleansExposed && exposure.WebExposed);
        Assert.Empty(exposure.Missing(admins: true, tls: true, webToken: true));
        Assert.Equal(["a web token (Web:TokenFile, or R1_Web__Token)"], exposure.Missing(admins: true, tls: true, webToken: false));
    }

    private static IEnumerable<IPAddress> NonLoopbackAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private string[] SiloArgs(string httpUrls = "http://127.0.0.1:0") =>
    [
        "--node-id", "edge-exposure", "--data-dir", _data.FullName,
        "--silo-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--http-urls", httpUrls,
    ];

    private static string SingleLine(string stderr)
    {
        var lines = stderr.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + stderr);
        return lines[0].TrimEnd('\r');
    }
}
