using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>r1ctl over TLS: <c>--tls-ca</c> to trust the silos' CA, <c>--tls-certificate</c>/<c>--tls-key</c> for mutual TLS.</summary>
public sealed class TlsCommandLineTests : IDisposable
{
    private readonly TlsTestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task R1ctl_with_the_CA_and_a_client_certificate_lists_the_nodes_of_a_mutual_TLS_silo()
    {
        await using var silo = await TestSilo.StartAsync("edge-cli-tls", extraArgs: _certificates.Silo("edge-cli-tls").SiloArgs(_certificates.CaFile, mutual: true));
        var client = _certificates.Client("ops");

        var result = await R1ctl.RunAsync(silo.GatewayPort, "nodes", "--tls-ca", _certificates.CaFile, "--tls-certificate", client.CertificateFile, "--tls-key", client.KeyFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("edge-cli-tls", result.Stdout);
    }

    [Fact]
    public async Task R1ctl_without_a_client_certificate_is_refused_by_a_mutual_TLS_silo_with_exit_code_6_and_the_reason()
    {
        await using var silo = await TestSilo.StartAsync("edge-cli-tls", extraArgs: _certificates.Silo("edge-cli-tls").SiloArgs(_certificates.CaFile, mutual: true));

        var result = await R1ctl.RunAsync(silo.GatewayPort, "nodes", "--tls-ca", _certificates.CaFile);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("--tls-certificate", result.Stderr);
    }

    [Fact]
    public async Task R1ctl_with_a_CA_file_that_does_not_exist_is_a_usage_error_naming_the_option()
    {
        var result = await R1ctl.RunAsync(FreePorts.Next(), "nodes", "--tls-ca", "/nonexistent/ca.crt");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--tls-ca '/nonexistent/ca.crt': no such file", result.Stderr);
    }
}
