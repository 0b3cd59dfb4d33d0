using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Storage.Catalog;

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

        var bytes = MessageSize.Of(config.ToMap());
        if (bytes > MaxConfigBytes)
        {
            throw new OverLimitException($"the config of pipeline '{config.Name}' on node '{node}'", bytes, MaxConfigBytes, "bytes (UTF-8 JSON)", "Limits:MaxConfigBytes");
        }
    }

    /// <summary>Refuses a new (or revived) pipeline on a node that already runs as many as it may.</summary>
    public async Task CheckRoomForAsync(PipelineCatalog catalog, string node, string name, CancellationToken cancellationToken)
    {
        var live = (await catalog.ListAsync(Contracts.GrainKeys.PipelinePrefix(node), cancellationToken)).Count(p => !p.Archived && p.Name != name);
        if (live >= MaxPipelinesPerNode)
        {
            throw new OverLimitException($"node '{node}' with one more pipeline ('{name}')", live + 1, MaxPipelinesPerNode, "pipelines", "Limits:MaxPipelinesPerNode");
        }
    }
}
