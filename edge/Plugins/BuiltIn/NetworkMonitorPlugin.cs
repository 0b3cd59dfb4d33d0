using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.BuiltIn;

/// <summary>
/// <c>NET_MON_01</c> (admin): every <c>PROCESS_DELAY</c> seconds, sends the network map: each known node with its
/// status (<c>ONLINE</c>, <c>LOST STATUS</c>, <c>OFFLINE</c>), last seen time, version, pipeline count and plugins
/// (<c>CURRENT_NETWORK</c>), plus the nodes that are not online (<c>CURRENT_ALERTED</c>).
/// </summary>
[Plugin("NET_MON_01", Description = "Network map: every node with its status")]
public sealed class NetworkMonitorPlugin : BusinessPlugin<NetworkMonitorPlugin.NetworkMonitorConfig>
{
    public override async ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        var nodes = await context.GetNodesAsync(cancellationToken);
        var network = new ConfigMap.Builder();
        foreach (var node in nodes)
        {
            network.Set(node.NodeId, new ConfigMap.Builder()
                .Set("EEID", node.Alias)
                .Set("WORKING", node.Status.ToRatio1Status())
                .Set("LAST_SEEN_SEC", node.LastSeen is { } seen ? Math.Round((context.Time.GetUtcNow() - seen).TotalSeconds, 1) : ConfigValue.Null)
                .Set("VERSION", node.Version)
                .Set("PIPELINES_COUNT", node.PipelineCount)
                .Set("PLUGINS", ConfigValue.From(node.Signatures))
                .ToMap());
        }

        context.EmitPayload(ConfigMap.Empty
            .SetItem("CURRENT_NETWORK", network.ToMap())
            .SetItem("CURRENT_ALERTED", ConfigValue.From(nodes.Where(n => !n.IsOnline).Select(n => n.NodeId)))
            .SetItem("MESSAGE", $"{nodes.Count(n => n.IsOnline)} of {nodes.Length} nodes online"));
    }

    public sealed class NetworkMonitorConfig
    {
        /// <summary>Seconds between two network maps.</summary>
        public double ProcessDelay { get; set; } = 10;

        /// <summary>The map needs no input.</summary>
        public bool AllowEmptyInputs { get; set; } = true;
    }
}
