using Npgsql;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Security;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// <c>scripts/cluster.sh</c>: a cluster on this machine in one command (a private PostgreSQL and a silo per node), a
/// connection line a client can use as printed, and <c>down</c> stopping exactly what <c>up</c> started.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterScriptTests(PostgresFixture postgres)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Up_starts_a_cluster_a_client_uses_as_printed_refuses_a_second_up_and_down_stops_exactly_what_it_started()
    {
        var state = Path.Combine(Directory.CreateTempSubdirectory("r1-cluster-script-").FullName, "cluster");
        try
        {
            var up = await RunScriptAsync(state, "up", "2");
            Assert.True(up.ExitCode == 0, $"up failed ({up.ExitCode}):{Environment.NewLine}{up.Stderr}{up.Stdout}");
            var started = StartedProcesses(state);
            Assert.Equal(5, started.Count); // two supervisors, two silos, PostgreSQL
            Assert.All(started, pid => Assert.True(IsRunning(pid), $"process {pid} of the cluster is not running"));

            var again = await RunScriptAsync(state, "up", "2");
            Assert.NotEqual(0, again.ExitCode);
            Assert.Contains("already running", again.Stderr, StringComparison.Ordinal);

            await using (var session = await Ratio1Session.ConnectAsync(new Ratio1SessionOptions
            {
                Gateways = PrintedGateways(up.Stdout),
                ClusterId = "ratio1",
                ClientName = "cluster-script-test",
                ConnectTimeout = TimeSpan.FromSeconds(20),
            }))
            {
                await session.WaitForNodeAsync("node-1", TimeSpan.FromSeconds(30));
                await session.WaitForNodeAsync("node-2", TimeSpan.FromSeconds(30));
                var nodes = await session.GetNodesAsync();
                Assert.Equal(["node-1", "node-2"], nodes.Select(n => n.NodeId).Order());
                Assert.All(nodes, n => Assert.Equal(NodeStatus.Online, n.Status));

                var deployed = await session.DeployPipelineJsonAsync("node-2", """{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");
                Assert.Equal(1, deployed.Version);
            }

            var down = await RunScriptAsync(state, "down");
            Assert.True(down.ExitCode == 0, $"down failed ({down.ExitCode}):{Environment.NewLine}{down.Stderr}");
            Assert.All(started, pid => Assert.False(IsRunning(pid), $"process {pid} of the cluster still runs after down"));
            Assert.False(Directory.Exists(state), "down left the state folder behind");

            // Nothing else was touched: the other PostgreSQL server on this machine still answers.
            await using var other = new NpgsqlConnection(postgres.Server.ConnectionString());
            await other.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT 1", other);
            Assert.Equal(1, await query.ExecuteScalarAsync());
        }
        finally
        {
            if (Directory.Exists(state))
            {
                await RunScriptAsync(state, "down");
            }

            Directory.Delete(Path.GetDirectoryName(state)!, recursive: true);
        }
    }

    // The gateways of the printed r1ctl line: "export R1_GATEWAYS=127.0.0.1:p1,127.0.0.1:p2".
    private static List<string> PrintedGateways(string stdout)
    {
        const string prefix = "export R1_GATEWAYS=";
        var line = stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return [.. line[prefix.Length..].Split(',')];
    }

    // What up recorded in its state folder: each node's supervisor and silo, and the PostgreSQL postmaster.
    private static List<int> StartedProcesses(string state)
    {
        var pidFiles = Directory.GetDirectories(Path.Combine(state, "nodes"))
            .SelectMany(node => new[] { Path.Combine(node, "supervisor.pid"), Path.Combine(node, "silo.pid") })
            .Append(Path.Combine(state, "postgres.pid"));
        return [.. pidFiles.Select(file => int.Parse(File.ReadLines(file).First(), System.Globalization.CultureInfo.InvariantCulture))];
    }

    // Running: it exists and is not a zombie (exited, waiting for its parent to collect it).
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Runs the script as a user would, on the silo build next to the tests (no build inside the test).
    private static Task<CliResult> RunScriptAsync(string state, params string[] args) =>
        Scripts.RunAsync("cluster.sh", new Dictionary<string, string>
        {
            ["R1_CLUSTER_DIR"] = state,
            ["R1_SILO_DLL"] = Path.Combine(AppContext.BaseDirectory, "Ratio1.Orleans.Silo.dll"),
        }, ScriptTimeout, args);
}
