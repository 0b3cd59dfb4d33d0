using System.Diagnostics;
using Npgsql;

namespace Ratio1.Orleans.Testing;

/// <summary>
/// A private, throwaway PostgreSQL cluster: <c>initdb</c> into a temp folder, <c>pg_ctl</c> on a free port, removed on
/// dispose. PostgreSQL refuses to run as root, so as root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _binaries;

    private readonly string _settings;

    private PostgresServer(string root, string binaries, int port, bool durable)
    {
        _root = root;
        _binaries = binaries;
        Port = port;
        _settings = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200" +
                    (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    }

    public int Port { get; }

    /// <summary>Starts a new cluster. <paramref name="durable"/> false turns fsync off, which is fine for tests.</summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries();
        var root = Directory.CreateTempSubdirectory("r1-pg-").FullName;
        var server = new PostgresServer(root, binaries, FreePorts.Next(), durable);
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres", root], asPostgres: false, cancellationToken);
            }

            await RunAsync(Path.Combine(binaries, "initdb"), ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asPostgres: IsRoot, cancellationToken);
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server abruptly, as a crash or an outage would (data stays for <see cref="StartServerAsync"/>).</summary>
    public Task KillAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: IsRoot, cancellationToken);

    /// <summary>Starts the server (again) on the same port and data.</summary>
    public Task StartServerAsync(CancellationToken cancellationToken = default) =>
        RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-o", _settings, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"], asPostgres: IsRoot, cancellationToken);

    /// <summary>
    /// CPU time the server has used so far: the postmaster, its live processes, and the processes it has reaped
    /// (Linux only; for benchmarks that count what the database costs).
    /// </summary>
    public TimeSpan ProcessorTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)).Select(d => Path.Combine(d, "stat")))
        {
            string[] fields;
            try
            {
                // Fields after the command name, which is in parentheses and may contain spaces.
                var text = File.ReadAllText(stat);
                fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var pid = int.Parse(Path.GetFileName(Path.GetDirectoryName(stat))!, System.Globalization.CultureInfo.InvariantCulture);
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                // utime, stime; and for the postmaster also cutime, cstime (its reaped children).
                var last = pid == postmaster ? 14 : 12;
                for (var i = 11; i <= last; i++)
                {
                    ticks += long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        // Clock ticks are 1/100 s on Linux (USER_HZ).
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Connection string of database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=30;Command Timeout=60";

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "r1_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>
    /// Creates a login role that must give <paramref name="password"/> over TCP (the cluster otherwise trusts every
    /// connection) and a fresh database it owns; returns that database's connection string, password included.
    /// </summary>
    public async Task<string> CreatePasswordUserAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        var database = "r1_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString()))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var sql in new[] { $"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", $"CREATE DATABASE \"{database}\" OWNER \"{user}\"" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            // pg_hba.conf is read top-down: this line wins over the cluster's "trust everyone".
            var hba = Path.Combine(DataDirectory, "pg_hba.conf");
            await File.WriteAllTextAsync(hba, $"host all {user} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba, cancellationToken), cancellationToken);
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteScalarAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Username = user, Password = password, Pooling = false };
        await WaitUntilPasswordIsRequiredAsync(builder, cancellationToken);
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: IsRoot, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string DataDirectory => Path.Combine(_root, "data");

    // The server reloads its configuration asynchronously after pg_reload_conf().
    private static async Task WaitUntilPasswordIsRequiredAsync(NpgsqlConnectionStringBuilder builder, CancellationToken cancellationToken)
    {
        var wrong = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = builder.Password + "-wrong" };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(wrong.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == "28P01")
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new InvalidOperationException("The server did not start requiring the password.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql; install them with: apt-get install -y postgresql");
    }

    private static async Task RunAsync(string program, IEnumerable<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
