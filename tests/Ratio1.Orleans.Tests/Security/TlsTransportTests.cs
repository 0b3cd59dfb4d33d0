using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>TLS on the gateway: a client must trust the silo's CA; with mutual TLS it must also present a certificate of that CA.</summary>
public sealed class TlsTransportTests : IDisposable
{
    private const string Echo = """{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""";
    private readonly TlsTestCertificates _certificates = new();
    private readonly TlsTestCertificates _otherAuthority = new("Some Other CA");

    public void Dispose()
    {
        _certificates.Dispose();
        _otherAuthority.Dispose();
    }

    [Fact]
    public async Task A_client_that_trusts_the_silos_CA_connects_over_TLS_and_deploys()
    {
        await using var silo = await TestSilo.StartAsync("edge-tls", extraArgs: _certificates.Silo("edge-tls").SiloArgs(_certificates.CaFile));
        var options = silo.SessionOptions();
        options.TlsCaFile = _certificates.CaFile;

        await using var session = await Ratio1Session.ConnectAsync(options);
        await session.DeployPipelineJsonAsync("edge-tls", Echo);

        Assert.Equal(1, (await session.GetPipelineAsync("edge-tls", "p")).Version);
    }

    [Fact]
    public async Task A_client_that_trusts_another_CA_is_refused_at_once_with_a_connection_error_that_says_why()
    {
        await using var silo = await TestSilo.StartAsync("edge-tls", extraArgs: _certificates.Silo("edge-tls").SiloArgs(_certificates.CaFile));
        var options = silo.SessionOptions();
        options.TlsCaFile = _otherAuthority.CaFile;
        var started = DateTimeOffset.UtcNow;

        var refused = await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains("TLS certificate 'CN=edge-tls' was refused: it is not issued by the CA of TlsCaFile", refused.Message);
        Assert.True(DateTimeOffset.UtcNow - started < options.ConnectTimeout / 2, $"took {DateTimeOffset.UtcNow - started}");
    }

    [Fact]
    public async Task A_client_without_a_CA_does_not_trust_a_private_CA_certificate()
    {
        await using var silo = await TestSilo.StartAsync("edge-tls", extraArgs: _certificates.Silo("edge-tls").SiloArgs(_certificates.CaFile));
        var options = silo.SessionOptions();
        options.UseTls = true;

        var refused = await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains("it is not trusted by the system's trust store", refused.Message);
    }

    [Fact]
    public async Task A_plain_client_cannot_talk_to_a_TLS_gateway_and_gets_a_connection_error_at_its_timeout()
    {
        await using var silo = await TestSilo.StartAsync("edge-tls", extraArgs: _certificates.Silo("edge-tls").SiloArgs(_certificates.CaFile));
        var options = silo.SessionOptions();
        options.ConnectTimeout = TimeSpan.FromSeconds(3);

        await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options)).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_client_dialling_a_name_the_silo_certificate_does_not_carry_is_refused()
    {
        await using var silo = await TestSilo.StartAsync("edge-tls", extraArgs: _certificates.Silo("edge-tls").SiloArgs(_certificates.CaFile));
        var options = silo.SessionOptions();
        options.TlsCaFile = _certificates.CaFile;
        options.TlsServerName = "silo.example.org";

        var refused = await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains("its names do not include 'silo.example.org'", refused.Message);
    }

    [Fact]
    public async Task With_mutual_TLS_a_client_without_a_certificate_is_refused_at_once()
    {
        await using var silo = await TestSilo.StartAsync("edge-mtls", extraArgs: _certificates.Silo("edge-mtls").SiloArgs(_certificates.CaFile, mutual: true));
        var options = silo.SessionOptions();
        options.TlsCaFile = _certificates.CaFile;

        var refused = await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains("ended the TLS connection", refused.Message);
        Assert.Contains("requires a client certificate", refused.Message);
    }

    [Fact]
    public async Task With_mutual_TLS_a_client_with_a_certificate_of_another_CA_is_refused()
    {
        await using var silo = await TestSilo.StartAsync("edge-mtls", extraArgs: _certificates.Silo("edge-mtls").SiloArgs(_certificates.CaFile, mutual: true));
        var rogue = _otherAuthority.Client("intruder");
        var options = silo.SessionOptions();
        options.TlsCaFile = _certificates.CaFile;
        options.TlsCertificateFile = rogue.CertificateFile;
        options.TlsKeyFile = rogue.KeyFile;

        var refused = await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains("'CN=intruder'", refused.Message);
    }

    [Fact]
    public async Task With_mutual_TLS_a_client_with_a_certificate_of_the_CA_connects_and_deploys()
    {
        await using var silo = await TestSilo.StartAsync("edge-mtls", extraArgs: _certificates.Silo("edge-mtls").SiloArgs(_certificates.CaFile, mutual: true));
        var client = _certificates.Client("operator");
        var options = silo.SessionOptions();
        options.TlsCaFile = _certificates.CaFile;
        options.TlsCertificateFile = client.CertificateFile;
        options.TlsKeyFile = client.KeyFile;

        await using var session = await Ratio1Session.ConnectAsync(options);
        await session.DeployPipelineJsonAsync("edge-mtls", Echo);

        Assert.Equal(1, (await session.GetPipelineAsync("edge-mtls", "p")).Version);
    }

    [Fact]
    public async Task Certificates_made_by_make_certs_sh_secure_a_silo_with_mutual_TLS_and_its_client()
    {
        var folder = Directory.CreateTempSubdirectory("r1-make-certs-");
        try
        {
            var result = await Scripts.RunAsync("make-certs.sh", "-o", folder.FullName, "--silo", "edge-script", "--client", "ops");
            Assert.True(result.ExitCode == 0, result.ToString());
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder.FullName, "edge-script.key")));
            }

            var silo = new TlsFiles(Path.Combine(folder.FullName, "edge-script.crt"), Path.Combine(folder.FullName, "edge-script.key"));
            var ca = Path.Combine(folder.FullName, "ca.crt");
            await using var node = await TestSilo.StartAsync("edge-script", extraArgs: silo.SiloArgs(ca, mutual: true));
            var options = node.SessionOptions();
            options.TlsCaFile = ca;
            options.TlsCertificateFile = Path.Combine(folder.FullName, "ops.crt");
            options.TlsKeyFile = Path.Combine(folder.FullName, "ops.key");

            await using var session = await Ratio1Session.ConnectAsync(options);

            Assert.Equal("edge-script", (await session.GetNodeAsync("edge-script")).NodeId);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
