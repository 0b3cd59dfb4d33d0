using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// What a new pipeline config does to each instance compared with the previous version, and the instances' config
/// versions afterwards: a new instance starts at 1, a changed one is bumped, an unchanged one keeps its number.
/// </summary>
public sealed record InstanceChangeSet(ImmutableArray<InstanceOutcome> Outcomes, IReadOnlyDictionary<string, int> Versions)
{
    /// <param name="restart">The pipeline (re)starts with this change (created or revived): every instance reports Created.</param>
    public static InstanceChangeSet Compute(PipelineRevisionRecord? before, PipelineConfig after, bool restart)
    {
        var outcomes = ImmutableArray.CreateBuilder<InstanceOutcome>();
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (signature, instance) in after.Instances)
        {
            var previousConfig = before?.Config.FindInstance(signature, instance.InstanceId);
            var previousVersion = before?.InstanceVersion(signature, instance.InstanceId) ?? 0;
            var same = previousConfig is not null && previousConfig.Equals(instance);
            var version = same ? previousVersion : previousVersion + 1;
            var change = restart || previousConfig is null ? InstanceChange.Created : same ? InstanceChange.Unchanged : InstanceChange.Updated;
            versions[PipelineRevisionRecord.InstanceKey(signature, instance.InstanceId)] = version;
            outcomes.Add(new InstanceOutcome(signature, instance.InstanceId, change, version));
        }

        if (before is not null)
        {
            foreach (var (signature, instance) in before.Config.Instances)
            {
                if (after.FindInstance(signature, instance.InstanceId) is null)
                {
                    outcomes.Add(new InstanceOutcome(signature, instance.InstanceId, InstanceChange.Removed, 0));
                }
            }
        }

        return new InstanceChangeSet(outcomes.ToImmutable(), versions);
    }

    /// <summary>Every instance of <paramref name="current"/> reported unchanged (no new version was made).</summary>
    public static ImmutableArray<InstanceOutcome> Unchanged(PipelineRevisionRecord current) =>
        [.. current.Config.Instances.Select(i => new InstanceOutcome(i.Signature, i.Instance.InstanceId, InstanceChange.Unchanged, current.InstanceVersion(i.Signature, i.Instance.InstanceId)))];
}
