using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ratio1.Orleans.Grains.Telemetry;

/// <summary>
/// Changes asked of pipeline grains hosted by this silo, on the meter <c>Ratio1.Orleans</c>, by outcome:
/// <c>ratio1.pipeline.deploys</c> (create or update a pipeline's config: what <c>r1ctl deploy</c> and
/// <c>DeployAsync</c> do) and <c>ratio1.pipeline.config_changes</c> (instance updates, rollbacks, archives, deletes,
/// by <c>ratio1.pipeline.operation</c>). Only a change that went through names its node (<c>ratio1.node</c>): a
/// refused request may name any node, which would make the attribute unbounded.
/// </summary>
public sealed class PipelineChangeMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _deploys;
    private readonly Counter<long> _changes;

    /// <param name="meters">The host's factory; without one the meter is this object's own.</param>
    public PipelineChangeMetrics(IMeterFactory? meters = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create("Ratio1.Orleans") ?? new Meter("Ratio1.Orleans");
        _deploys = _meter.CreateCounter<long>("ratio1.pipeline.deploys", "{deploy}",
            "Deploys (a pipeline's config created or updated), by outcome: ok, unchanged, invalid, conflict, not_found, node_not_found, node_unavailable, over_limit, storage_unavailable, canceled, error.");
        _changes = _meter.CreateCounter<long>("ratio1.pipeline.config_changes", "{change}",
            "Other changes of a pipeline's config, by operation (update_instances, rollback, archive, delete) and outcome (as ratio1.pipeline.deploys).");
    }

    /// <summary>Counts one change of <paramref name="operation"/> that ended with <paramref name="outcome"/>.</summary>
    /// <param name="node">The pipeline's node, given only when the change went through (ok, unchanged).</param>
    public void Count(PipelineOperation operation, string outcome, string? node)
    {
        var tags = new TagList { { "outcome", outcome } };
        if (node is not null)
        {
            tags.Add("ratio1.node", node);
        }

        if (operation == PipelineOperation.Deploy)
        {
            _deploys.Add(1, in tags);
            return;
        }

        tags.Add("ratio1.pipeline.operation", operation.ToTag());
        _changes.Add(1, in tags);
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
