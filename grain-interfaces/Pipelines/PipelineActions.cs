namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>Ratio1 action names of <see cref="PipelineAction"/>.</summary>
public static class PipelineActions
{
    /// <summary>The Ratio1 command name (<c>UPDATE_CONFIG</c>, <c>ARCHIVE_CONFIG</c>, ...).</summary>
    public static string ToRatio1Action(this PipelineAction action) => action switch
    {
        PipelineAction.Create or PipelineAction.UpdateConfig => "UPDATE_CONFIG",
        PipelineAction.UpdateInstance => "UPDATE_PIPELINE_INSTANCE",
        PipelineAction.BatchUpdateInstances => "BATCH_UPDATE_PIPELINE_INSTANCE",
        PipelineAction.Archive => "ARCHIVE_CONFIG",
        PipelineAction.Rollback => "ROLLBACK_CONFIG",
        PipelineAction.Delete => "DELETE_CONFIG",
        _ => action.ToString().ToUpperInvariant(),
    };
}
