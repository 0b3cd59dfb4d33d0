using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Testing;

/// <summary>
/// A real edge silo as its own process (<c>dotnet Ratio1.Orleans.Silo.dll</c>, the build next to the tests), on free
/// ports it keeps across restarts, so a test can do to it what an operator or a crash does: <see cref="Kill"/> it
/// (<c>kill -9</c>), freeze it (<see cref="Pause"/>, <c>SIGSTOP</c>) and start it again on the same storage and ports
/// (<see cref="StartAgainAsync"/>), while its clients stay connected to the same address; and measure it alone
/// (<see cref="ResidentBytes"/>, <c>/metrics</c> through <see cref="GetAsync"/>). Started with <c>restartOnFailure</c>,
/// it is supervised as systemd's <c>Restart=on-failure</c> does: when the process ends by itself with a failure (a
/// silo the cluster declared dead stops itself), it is started again on the same storage and ports.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string[] _extraArgs;
    private readonly bool _ownsDataDirectory;
    private readonly bool _serverGc;
    private readonly bool _restartOnFailure;
    private readonly StringBuilder _log = new();
    private readonly Lock _supervision = new();
    private readonly List<DateTimeOffset> _restarts = [];
    private Process? _process;
    private bool _disposed;

    private SiloProcess(string nodeId, string dataDirectory, bool ownsDataDirectory, string[] extraArgs, bool serverGc, bool restartOnFailure)
    {
        _serverGc = serverGc;
        _restartOnFailure = restartOnFailure;
        NodeId = nodeId;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _extraArgs = extraArgs;
    }

    public string NodeId { get; }

    public string DataDirectory { get; }

    public int GatewayPort { get; } = FreePorts.Next();

    public int SiloPort { get; } = FreePorts.Next();

    public int HttpPort { get; } = FreePorts.Next();

    /// <summary>Where its <c>/health</c> and <c>/metrics</c> answer.</summary>
    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Its resident memory now (<c>VmRSS</c>), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            var process = _process ?? throw new InvalidOperationException("The silo process is not running.");
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }

            throw new InvalidOperationException($"The silo process {process.Id} has no VmRSS.");
        }
    }

    /// <summary>Whether the silo process is gone (stopped by a test, or ended by itself).</summary>
    public bool HasExited => _process is not { } process || process.HasExited;

    /// <summary>When the supervisor (<c>restartOnFailure</c>) started the silo again after it ended by itself with a failure.</summary>
    public IReadOnlyList<DateTimeOffset> Restarts
    {
        get
        {
            lock (_supervision)
            {
                return [.. _restarts];
            }
        }
    }

    /// <summary>The id of the running silo process.</summary>
    public int ProcessId => (_process ?? throw new InvalidOperationException("The silo process is not running.")).Id;

    /// <summary>What the silo processes wrote so far (stdout and stderr, every start), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a silo process for <paramref name="nodeId"/> (default: SQLite in a fresh temp folder) and waits until it serves.</summary>
    /// <param name="extraArgs">More silo command-line options, e.g. <c>--storage postgres --connection-string ...</c>.</param>
    /// <param name="serverGc">
    /// Run it with the server garbage collector, as the product ships (for measuring its memory); by default the
    /// workstation collector, since a test machine runs several silos at once.
    /// </param>
    public static Task<SiloProcess> StartAsync(string nodeId, string[]? extraArgs = null, string? dataDirectory = null, bool serverGc = false, CancellationToken cancellationToken = default) =>
        StartAsync(nodeId, extraArgs, dataDirectory, serverGc, restartOnFailure: false, cancellationToken);

    /// <summary>Starts a silo process as <see cref="StartAsync(string, string[], string, bool, CancellationToken)"/> does.</summary>
    /// <param name="restartOnFailure">
    /// Start it again, on the same storage and ports, whenever it ends by itself with a non-zero exit code (as systemd's
    /// <c>Restart=on-failure</c>); a process stopped by <see cref="Kill"/> or dispose is not started again.
    /// </param>
    public static async Task<SiloProcess> StartAsync(string nodeId, string[]? extraArgs, string? dataDirectory, bool serverGc, bool restartOnFailure, CancellationToken cancellationToken = default)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("r1-silo-process-").FullName;
        var silo = new SiloProcess(nodeId, dataDirectory, owns, extraArgs ?? [], serverGc, restartOnFailure);
        try
        {
            await silo.StartAgainAsync(cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for a session connected to this silo's gateway.</summary>
    public Ratio1SessionOptions SessionOptions(string clientName = "test-client") => new()
    {
        Gateways = [$"127.0.0.1:{GatewayPort}"],
        ClientName = clientName,
        ConnectTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Connects a client session to this silo.</summary>
    public Task<Ratio1Session> ConnectAsync(string clientName = "test-client", CancellationToken cancellationToken = default) =>
        Ratio1Session.ConnectAsync(SessionOptions(clientName), cancellationToken);

    /// <summary>Starts the silo (again), on the same ports and storage, and waits until it answers <c>/health</c>.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The silo process is running.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "Ratio1.Orleans.Silo.dll"),
            "--node-id", NodeId,
            "--data-dir", DataDirectory,
            "--silo-port", SiloPort.ToString(),
            "--gateway-port", GatewayPort.ToString(),
            "--http-urls", $"http://127.0.0.1:{HttpPort}",
            "--Logging:LogLevel:Default=Warning",
            .. TestReach.Args,
            .. _extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = _serverGc ? "1" : "0";
        var process = new Process { StartInfo = start, EnableRaisingEvents = _restartOnFailure };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (_restartOnFailure)
        {
            process.Exited += (_, _) => _ = RestartAfterFailureAsync(process);
        }

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilServingAsync(process, cancellationToken);
    }

    /// <summary>Reads a text endpoint of the silo's web host (<c>/metrics</c>, <c>/health</c>).</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(HttpAddress, path), cancellationToken);
    }

    /// <summary>Kills the silo at once, as <c>kill -9</c> does (a paused one too), and waits until it is gone.</summary>
    public void Kill()
    {
        Process? process;
        lock (_supervision)
        {
            process = _process;
            _process = null;
        }

        if (process is not null)
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It ended by itself meanwhile.
            }

            process.WaitForExit();
            process.Dispose();
        }
    }

    /// <summary>Waits until the supervisor has started the silo again <paramref name="count"/> times in all and it serves.</summary>
    public async Task WaitForRestartAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Restarts.Count < count || HasExited)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The silo of {NodeId} was not started again by its supervisor within {timeout.TotalSeconds} s ({Restarts.Count} restarts):{Environment.NewLine}{Log}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Freezes the silo (<c>kill -STOP</c>): its sockets stay open, it answers nothing.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a paused silo go on (<c>kill -CONT</c>).</summary>
    public void Resume() => Signal("CONT");

    public async ValueTask DisposeAsync()
    {
        lock (_supervision)
        {
            _disposed = true;
        }

        Kill();
        if (_ownsDataDirectory)
        {
            await Task.Yield();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS cleans temp folders.
            }
        }
    }

    // What systemd's Restart=on-failure does, without its delay: only the process still current, ended by itself
    // (Kill forgets it first) with a failure, is replaced.
    private async Task RestartAfterFailureAsync(Process exited)
    {
        lock (_supervision)
        {
            if (_disposed || !ReferenceEquals(_process, exited) || exited.ExitCode == 0)
            {
                return;
            }

            _process = null;
        }

        Append($"[supervisor] the silo of {NodeId} exited with code {exited.ExitCode}; starting it again");
        exited.Dispose();
        try
        {
            await StartAgainAsync();
            lock (_supervision)
            {
                _restarts.Add(DateTimeOffset.UtcNow);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            Append($"[supervisor] the silo of {NodeId} did not start again: {e.Message}");
        }
    }

    private void Signal(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("The silo process is not running.");
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString() }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync(Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo process exited with code {process.ExitCode} while starting:{Environment.NewLine}{Log}");
            }

            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{HttpPort}/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The silo process did not serve /health within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{Log}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
