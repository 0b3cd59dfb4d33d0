using System.Text.RegularExpressions;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>Identity of the edge node this silo serves (configuration section <c>Node</c>).</summary>
public sealed partial class NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>Node id; default: derived from the machine name.</summary>
    public string? Id { get; set; }

    /// <summary>Human name (at most 20 characters); default: the node id.</summary>
    public string? Alias { get; set; }

    /// <summary>Free-form tags reported with the node.</summary>
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Seconds between two heartbeats (Ratio1's <c>SECONDS_HEARTBEAT</c>, capped at 10 s there too).</summary>
    public int SecondsHeartbeat { get; set; } = 10;

    /// <summary>Seconds between two full comparisons of running pipelines with stored ones (heals a lost push).</summary>
    public int ReconcileSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds between two reports of instance counters (executions, payloads) and errors to their plugin-instance
    /// grains; a change of state (running, paused, failing...) or config version is reported at once.
    /// </summary>
    public int InstanceStatusSeconds { get; set; } = 60;

    /// <summary>Folder of plugin assemblies (*.dll) to load, each in its own load context; none when empty.</summary>
    public string? PluginFolder { get; set; }

    /// <summary>
    /// Folders a client may add models from (<c>r1ctl models add</c>); a model file anywhere else is refused. The silo
    /// defaults it to <c>&lt;data-dir&gt;/models</c>. Models declared in the node's own settings (<c>Serving:Models</c>)
    /// are the operator's choice and are not limited.
    /// </summary>
    public List<string> ModelDirectories { get; set; } = [];

    /// <summary>
    /// Folders under which a pipeline's <c>URL</c> may name a file or folder (<c>StructuredFile</c>, <c>VideoFile</c>,
    /// <c>ImageFolder</c>, ...); the silo defaults it to <c>&lt;data-dir&gt;/media</c>.
    /// </summary>
    public List<string> CaptureRoots { get; set; } = [];

    /// <summary>
    /// Hosts a network capture <c>URL</c> may connect to: names, <c>*.domain</c>, addresses, networks (CIDR) or
    /// <c>*</c> (<see cref="Contracts.Reach.HostAllowList"/>); none by default.
    /// </summary>
    public List<string> CaptureHosts { get; set; } = [];

    /// <summary>Schemes a network capture <c>URL</c> may use; default rtsp, http, https.</summary>
    public List<string> CaptureSchemes { get; set; } = [];

    /// <summary>What the node's capture sources may reach through a <c>URL</c>, as it registers it.</summary>
    public Contracts.Reach.CaptureReach Reach() => new(
        [.. CaptureRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => Path.GetFullPath(r.Trim()))],
        [.. CaptureHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim().ToLowerInvariant())],
        [.. (CaptureSchemes.Count == 0 ? Contracts.Reach.CaptureReach.DefaultSchemes : CaptureSchemes.Select(s => s.Trim().ToLowerInvariant()))]);

    /// <summary>Longest alias (Ratio1's <c>EE_ALIAS_MAX_SIZE</c>).</summary>
    public const int MaxAliasLength = 20;

    /// <summary>The node id to use: the configured one, or the machine name made valid.</summary>
    public string ResolveId()
    {
        if (!string.IsNullOrWhiteSpace(Id))
        {
            return Id.Trim();
        }

        var fromMachine = InvalidCharacters().Replace(Environment.MachineName, "-").Trim('-', '.', '_');
        return fromMachine.Length == 0 ? "edge-node" : fromMachine[..Math.Min(fromMachine.Length, 64)];
    }

    [GeneratedRegex("[^A-Za-z0-9_.:@-]")]
    private static partial Regex InvalidCharacters();
}
