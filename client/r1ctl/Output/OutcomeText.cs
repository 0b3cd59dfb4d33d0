using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>The human form of a <see cref="DeployOutcome"/>: what became of the pipeline, then of each instance.</summary>
internal static class OutcomeText
{
    /// <param name="rolledBackTo">For a rollback, the version restored (the outcome itself does not say).</param>
    public static void Write(CliOutput output, DeployOutcome outcome, bool withInstances = true, int? rolledBackTo = null)
    {
        var what = outcome.Changed && rolledBackTo is { } target ? $"rolled back to v{target}" : Describe(outcome);
        output.Line($"pipeline '{outcome.Pipeline}' on {outcome.Node}: version {outcome.Version} ({what})");
        if (!withInstances)
        {
            return;
        }

        foreach (var instance in outcome.Instances)
        {
            var version = instance.Change == InstanceChange.Removed ? string.Empty : $", version {instance.Version}";
            output.Line($"  {instance.Signature} {instance.InstanceId}: {instance.Change.ToString().ToLowerInvariant()}{version}");
        }
    }

    private static string Describe(DeployOutcome outcome) => !outcome.Changed ? "no change" : outcome.Action switch
    {
        PipelineAction.Create => "created",
        PipelineAction.UpdateConfig => "updated",
        PipelineAction.UpdateInstance => "instance updated",
        PipelineAction.BatchUpdateInstances => "instances updated",
        PipelineAction.Archive => "archived",
        PipelineAction.Rollback => "rolled back",
        PipelineAction.Delete => "deleted",
        _ => outcome.Action.ToString(),
    };
}
