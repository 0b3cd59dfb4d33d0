using System.Diagnostics;
using System.Globalization;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Testing;

/// <summary>
/// The real silo program (<c>Ratio1.Orleans.Silo.dll</c>, from this program's own folder) running as a child process on
/// free ports with its own data folder: what an operator starts, so it can be measured alone (resident memory) and
/// killed like a crashed machine. Its output is kept for failure messages.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly bool _ownsDataDirectory;
    private readonly OutputTail _output = new();

    private SiloProcess(Process process, string nodeId, string dataDirectory, bool ownsDataDirectory, int gatewayPort, int httpPort)
    {
        _process = process;
        NodeId = nodeId;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        GatewayPort = gatewayPort;
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string NodeId { get; }

    public string DataDirectory { get; }

    public int GatewayPort { get; }

    /// <summary>Where its <c>/health</c> and <c>/metrics</c> answer.</summary>
    public Uri HttpAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What it printed so far (the last lines).</summary>
    public string Output => _output.ToString();

    /// <summary>Its resident memory now (<c>VmRSS</c>), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }

            throw new InvalidOperationException($"The silo process {_process.Id} has no VmRSS.");
        }
    }

    /// <summary>Options for a session connected to this silo.</summary>
    public Ratio1SessionOptions SessionOptions(string clientName = "test-client") => new()
    {
        Gateways = [$"127.0.0.1:{GatewayPort}"],
        ClientName = clientName,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Connects a client session to this silo.</summary>
    public Task<Ratio1Session> ConnectAsync(string clientName = "test-client", CancellationToken cancellationToken = default) =>
        Ratio1Session.ConnectAsync(SessionOptions(clientName), cancellationToken);

    /// <summary>
    /// Starts the silo for <paramref name="nodeId"/> (default: SQLite in a fresh temp folder) and waits until it
    /// answers <c>/health</c>.
    /// </summary>
    /// <param name="extraArgs">More silo options, e.g. <c>--Traffic:CacheMiB=4</c>.</param>
    public static async Task<SiloProcess> StartAsync(string nodeId = "test-node", string? dataDirectory = null, IEnumerable<string>? extraArgs = null,
        int? gatewayPort = null, CancellationToken cancellationToken = default)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("r1-silo-process-").FullName;
        var gateway = gatewayPort ?? FreePorts.Next();
        var http = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        string[] args =
        [
            typeof(EdgeSiloHost).Assembly.Location,
            "--node-id", nodeId,
            "--data-dir", dataDirectory,
            "--silo-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gateway.ToString(CultureInfo.InvariantCulture),
            "--http-urls", $"http://127.0.0.1:{http}",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs ?? [],
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var silo = new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), nodeId, dataDirectory, owns, gateway, http);
        try
        {
            await silo.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads a text endpoint of the silo's web host (<c>/metrics</c>, <c>/health</c>).</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri(HttpAddress, path), cancellationToken);
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or power loss would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsDataDirectory)
        {
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

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                await GetAsync("/health", cancellationToken);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    // The last lines a silo printed, bounded so a chatty silo cannot grow the test process.
    private sealed class OutputTail
    {
        private readonly Queue<string> _lines = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > 200)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }
}
