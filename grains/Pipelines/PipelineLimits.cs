using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// How much one node's pipelines may hold (settings section <c>Limits</c>): checked on every change before anything is
/// stored, so an oversized config is refused whole with <see cref="OverLimitException"/> naming the limit.
/// </summary>
public sealed class PipelineLimits
{
    public const string SectionName = "Limits";

    /// <summary>2 MiB: Ratio1's own limit of one config payload.</summary>
    public const long DefaultMaxConfigBytes = 2 * 1024 * 1024;

    public const int DefaultMaxInstancesPerPipeline = 1_000;

    public const int DefaultMaxPipelinesPerNode = 1_000;

    /// <summary>
    /// Deepest nesting of objects and arrays in a config. Fixed: every config travels as JSON read with a depth limit
    /// of 128 (to the node, back to clients), so a deeper one could be stored and then be unreadable; 64 leaves room.
    /// </summary>
    public const int MaxConfigDepth = 64;

    /// <summary>Largest pipeline config, measured as its compact UTF-8 JSON (<c>Limits:MaxConfigBytes</c>).</summary>
    public long MaxConfigBytes { get; set; } = DefaultMaxConfigBytes;

    /// <summary>Most plugin instances in one pipeline, across its plugins (<c>Limits:MaxInstancesPerPipeline</c>).</summary>
    public int MaxInstancesPerPipeline { get; set; } = DefaultMaxInstancesPerPipeline;

    /// <summary>Most live (not archived) pipelines on one node (<c>Limits:MaxPipelinesPerNode</c>).</summary>
    public int MaxPipelinesPerNode { get; set; } = DefaultMaxPipelinesPerNode;

    /// <summary>Refuses <paramref name="config"/> when it is larger than a config may be or has too many instances.</summary>
    public void Check(string node, PipelineConfig config)
    {
        var instances = config.Plugins.Sum(p => (long)p.Instances.Length);
        if (instances > MaxInstancesPerPipeline)
        {
            throw new OverLimitException($"pipeline '{config.Name}' on node '{node}'", instances, MaxInstancesPerPipeline, "instances", "Limits:MaxInstancesPerPipeline");
        }

        var map = config.ToMap();
        var depth = DepthOf(map, 1);
        if (depth > MaxConfigDepth)
        {
            throw new OverLimitException($"the nesting of pipeline '{config.Name}' on node '{node}'", depth, MaxConfigDepth, "levels of objects and arrays", "fixed: configs travel as JSON read at most 128 levels deep");
        }

        var bytes = MessageSize.Of(map);
        if (bytes > MaxConfigBytes)
        {
            throw new OverLimitException($"the config of pipeline '{config.Name}' on node '{node}'", bytes, MaxConfigBytes, "bytes (UTF-8 JSON)", "Limits:MaxConfigBytes");
        }
    }

    // Bounded by the wire's own depth limit (128 per document), so the recursion is too.
    private static int DepthOf(ConfigMap map, int depth) => map.Count == 0 ? depth : map.Max(entry => DepthOf(entry.Value, depth));

    private static int DepthOf(ConfigValue value, int depth) => value.Kind switch
    {
        ConfigValueKind.Object => DepthOf(value.Fields, depth + 1),
        ConfigValueKind.Array => value.Items.IsEmpty ? depth + 1 : value.Items.Max(item => DepthOf(item, depth + 1)),
        _ => depth,
    };

    /// <summary>Refuses a new (or revived) pipeline on a node that already has as many live pipelines as it may.</summary>
    /// <param name="liveBesides">How many live pipelines the node has besides this one (the node grain keeps the count).</param>
    public void CheckRoomFor(int liveBesides, string node, string name)
    {
        if (liveBesides >= MaxPipelinesPerNode)
        {
            throw new OverLimitException($"node '{node}' with one more pipeline ('{name}')", liveBesides + 1, MaxPipelinesPerNode, "pipelines", "Limits:MaxPipelinesPerNode");
        }
    }
}
