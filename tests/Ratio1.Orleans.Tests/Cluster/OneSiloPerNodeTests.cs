using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Startup;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// One live silo per node: a second silo for a node that has one (on its data folder, or with PostgreSQL anywhere in
/// the cluster) stops before it touches any state, exit code 8, naming the live silo; the live one carries on. A silo
/// whose node's previous silo died (<c>kill -9</c>) takes over at once. Real silo processes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OneSiloPerNodeTests(PostgresFixture postgres) : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("r1-one-silo-");
    private readonly DirectoryInfo _otherData = Directory.CreateTempSubdirectory("r1-one-silo-other-");

    public void Dispose()
    {
        _data.Delete(recursive: true);
        _otherData.Delete(recursive: true);
    }

    [Fact]
    public async Task A_second_silo_on_the_data_folder_of_a_live_silo_exits_8_naming_it_and_the_first_carries_on()
    {
        const string node = "edge-once";
        await using var first = await SiloProcess.StartAsync(node, dataDirectory: _data.FullName);

        var second = await SiloProgram.RunAsync(SiloArgs(node, _data.FullName));

        Assert.True(second.ExitCode == SiloExitCodes.NodeAlreadyServed, second.ToString());
        Assert.StartsWith($"error: node '{node}' already has a live silo: silo 127.0.0.1:{first.SiloPort} (gateway 127.0.0.1:{first.GatewayPort}) on host {Environment.MachineName}, pid {HolderPid(_data)}, started ", SingleLine(second.Stderr));
        await using (var session = await first.ConnectAsync())
        {
            Assert.Equal(NodeStatus.Online, (await session.GetNodeAsync(node)).Status);
        }

        await StopCleanlyAsync(first, _data);
        await using var after = await SiloProcess.StartAsync("edge-after", dataDirectory: _data.FullName);
        await using var observer = await after.ConnectAsync();
        Assert.Equal(NodeStatus.Offline, (await observer.GetNodeAsync(node)).Status);
    }

    [Fact]
    public async Task A_silo_of_another_node_on_a_data_folder_in_use_exits_8_naming_the_folder_and_its_silo()
    {
        await using var first = await SiloProcess.StartAsync("edge-owner", dataDirectory: _data.FullName);

        var second = await SiloProgram.RunAsync(SiloArgs("edge-intruder", _data.FullName));

        Assert.True(second.ExitCode == SiloExitCodes.NodeAlreadyServed, second.ToString());
        Assert.StartsWith($"error: the data folder {_data.FullName} is in use by the live silo of node 'edge-owner': silo 127.0.0.1:{first.SiloPort} ", SingleLine(second.Stderr));
        Assert.EndsWith("give this silo its own --data-dir", SingleLine(second.Stderr));
    }

    [Fact]
    public async Task A_silo_on_the_data_folder_of_one_killed_with_kill_9_starts_at_once_and_serves()
    {
        await using var silo = await SiloProcess.StartAsync("edge-phoenix", dataDirectory: _data.FullName);
        silo.Kill();

        await silo.StartAgainAsync();

        await using var session = await silo.ConnectAsync();
        Assert.Equal(NodeStatus.Online, (await session.GetNodeAsync("edge-phoenix")).Status);
        Assert.Contains($"Data folder {_data.FullName}: taking it over from silo 127.0.0.1:{silo.SiloPort} ", silo.Log);
    }

    [Fact]
    public async Task A_second_silo_for_a_node_live_elsewhere_in_the_cluster_exits_8_naming_it_and_changes_nothing()
    {
        const string node = "edge-pg-once";
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await SiloProcess.StartAsync(node, PostgresArgs(database), _data.FullName);
        await using var session = await first.ConnectAsync();
        var before = await session.GetNodeAsync(node);

        var second = await SiloProgram.RunAsync([.. SiloArgs(node, _otherData.FullName), .. PostgresArgs(database)]);

        Assert.True(second.ExitCode == SiloExitCodes.NodeAlreadyServed, second.ToString());
        Assert.StartsWith($"error: node '{node}' already has a live silo in the cluster: silo 127.0.0.1:{first.SiloPort} (gateway 127.0.0.1:{first.GatewayPort}) on host {Environment.MachineName}, pid {HolderPid(_data)}, started ", SingleLine(second.Stderr));
        var after = await session.GetNodeAsync(node);
        Assert.Equal((NodeStatus.Online, before.SiloAddress, before.StartedAt), (after.Status, after.SiloAddress, after.StartedAt));
        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM cluster_member"));
    }

    [Fact]
    public async Task A_silo_for_the_node_of_one_killed_with_kill_9_elsewhere_takes_the_node_over_and_serves_it()
    {
        const string node = "edge-pg-phoenix";
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var first = await SiloProcess.StartAsync(node, PostgresArgs(database), _data.FullName);
        first.Kill();

        await using var second = await SiloProcess.StartAsync(node, PostgresArgs(database), _otherData.FullName);

        await using var session = await second.ConnectAsync();
        var served = await ServedByAsync(session, node, second.SiloPort);
        Assert.Equal(NodeStatus.Online, served.Status);
        Assert.Contains($"Node {node}: taking it over from silo 127.0.0.1:{first.SiloPort} ", second.Log);
    }

    [Fact]
    public async Task A_live_silo_holds_its_node_again_by_itself_after_a_database_restart()
    {
        const string node = "edge-pg-steady";
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync();
        await using var first = await SiloProcess.StartAsync(node, PostgresArgs(database), _data.FullName);

        await server.KillAsync();
        await server.StartServerAsync();
        await WaitUntilANodeLeaseIsHeldAsync(database);
        var second = await SiloProgram.RunAsync([.. SiloArgs(node, _otherData.FullName), .. PostgresArgs(database)]);

        Assert.True(second.ExitCode == SiloExitCodes.NodeAlreadyServed, second.ToString());
        Assert.StartsWith($"error: node '{node}' already has a live silo in the cluster: silo 127.0.0.1:{first.SiloPort} ", SingleLine(second.Stderr));
        Assert.False(first.HasExited, first.Log);
    }

    private static string[] PostgresArgs(string database) => ["--storage", "postgres", "--connection-string", database, "--apply-schema"];

    private static string[] SiloArgs(string node, string dataDirectory) =>
    [
        "--node-id", node, "--data-dir", dataDirectory,
        "--silo-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        "--gateway-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        "--http-urls", "http://127.0.0.1:0",
    ];

    // The live silo's own description of itself, next to its data folder's lock.
    private static int HolderPid(DirectoryInfo data)
    {
        using var holder = JsonDocument.Parse(File.ReadAllText(Path.Combine(data.FullName, "silo.json")));
        return holder.RootElement.GetProperty("pid").GetInt32();
    }

    // What a service manager does to stop a silo: SIGTERM, then wait for it to finish its shutdown.
    private static async Task StopCleanlyAsync(SiloProcess silo, DirectoryInfo data)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", HolderPid(data).ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!silo.HasExited)
        {
            await Task.Delay(100, patience.Token);
        }
    }

    // The node's grain lived on the killed silo: it answers once the cluster has declared that silo dead.
    private static async Task<NodeInfo> ServedByAsync(Ratio1Session session, string node, int siloPort)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var info = await session.GetNodeAsync(node, patience.Token);
            if (info.SiloAddress?.Contains($":{siloPort}", StringComparison.Ordinal) == true)
            {
                return info;
            }

            await Task.Delay(200, patience.Token);
        }
    }

    // The silo's lease session (named by its application name) holds an advisory lock again.
    private static async Task WaitUntilANodeLeaseIsHeldAsync(string database)
    {
        // Unpooled: pooled connections opened before the restart are broken.
        var unpooled = new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string held = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'ratio1-node-lease'";
        while (!Equals(await ScalarAsync(unpooled, held), 1L))
        {
            await Task.Delay(200, patience.Token);
        }
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    // One line and nothing else: no stack trace, no second message.
    private static string SingleLine(string stderr)
    {
        var lines = stderr.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + stderr);
        return lines[0].TrimEnd('\r');
    }
}
