using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Mutual TLS in cluster mode (PostgreSQL membership): only a silo with a certificate of the cluster's CA can join.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TlsClusterTests(PostgresFixture postgres) : IDisposable
{
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(120);
    private readonly TlsTestCertificates _certificates = new();
    private readonly TlsTestCertificates _otherAuthority = new("Some Other CA");

    public void Dispose()
    {
        _certificates.Dispose();
        _otherAuthority.Dispose();
    }

    [Fact]
    public async Task With_mutual_TLS_a_silo_with_a_certificate_of_the_CA_joins_the_cluster()
    {
        var cluster = await ClusterArgsAsync();
        await using var north = await TestSilo.StartAsync("edge-north", extraArgs: [.. cluster, .. _certificates.Silo("edge-north").SiloArgs(_certificates.CaFile, mutual: true)]);
        await using var south = await TestSilo.StartAsync("edge-south", extraArgs: [.. cluster, .. _certificates.Silo("edge-south").SiloArgs(_certificates.CaFile, mutual: true)]);
        await using var session = await ConnectAsync(north);

        Assert.Equal(2, await ActiveSilosAsync(session));
    }

    [Fact]
    public async Task With_mutual_TLS_a_silo_with_a_certificate_of_another_CA_cannot_join()
    {
        var cluster = await ClusterArgsAsync();
        await using var north = await TestSilo.StartAsync("edge-north", extraArgs: [.. cluster, .. _certificates.Silo("edge-north").SiloArgs(_certificates.CaFile, mutual: true)]);
        // It trusts the cluster's CA, but its own certificate comes from another one.
        var rogue = _otherAuthority.Silo("edge-rogue");

        await AssertCannotJoinAsync("edge-rogue", [.. cluster, .. rogue.SiloArgs(_certificates.CaFile, mutual: true)]);

        await using var session = await ConnectAsync(north);
        Assert.Equal(1, await ActiveSilosAsync(session));
    }

    [Fact]
    public async Task With_TLS_a_silo_without_TLS_cannot_join()
    {
        var cluster = await ClusterArgsAsync();
        await using var north = await TestSilo.StartAsync("edge-north", extraArgs: [.. cluster, .. _certificates.Silo("edge-north").SiloArgs(_certificates.CaFile, mutual: true)]);

        await AssertCannotJoinAsync("edge-plain", cluster);

        await using var session = await ConnectAsync(north);
        Assert.Equal(1, await ActiveSilosAsync(session));
    }

    // A separate process: Orleans ends a silo the cluster votes dead with Environment.FailFast.
    private static async Task AssertCannotJoinAsync(string nodeId, string[] args)
    {
        SiloProcess? silo = null;
        try
        {
            silo = await SiloProcess.StartAsync(nodeId, args);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return; // It gave up joining and exited, or was still failing to reach the cluster when the wait ended (it is killed then).
        }

        // It got as far as serving: the cluster must vote it out, which ends it.
        await using (silo)
        {
            var deadline = DateTimeOffset.UtcNow + JoinLimit;
            while (!silo.HasExited && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }

            Assert.True(silo.HasExited, "the silo without a certificate of the CA is still running:\n" + silo.Log);
        }
    }

    private async Task<string[]> ClusterArgsAsync() =>
        ["--storage", "postgres", "--connection-string", await postgres.Server.CreateDatabaseAsync(), "--apply-schema", "--cluster-id", "tls"];

    private async Task<Ratio1Session> ConnectAsync(TestSilo silo)
    {
        var client = _certificates.Client("operator");
        var options = silo.SessionOptions();
        options.ClusterId = "tls";
        options.TlsCaFile = _certificates.CaFile;
        options.TlsCertificateFile = client.CertificateFile;
        options.TlsKeyFile = client.KeyFile;
        return await Ratio1Session.ConnectAsync(options);
    }

    private static async Task<int> ActiveSilosAsync(Ratio1Session session) =>
        (await session.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
}
