namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>The Ratio1 command that produced a pipeline version.</summary>
public enum PipelineAction
{
    /// <summary><c>UPDATE_CONFIG</c> that created the pipeline (or revived an archived one).</summary>
    Create = 0,
    /// <summary><c>UPDATE_CONFIG</c> on an existing pipeline.</summary>
    UpdateConfig = 1,
    /// <summary><c>UPDATE_PIPELINE_INSTANCE</c>.</summary>
    UpdateInstance = 2,
    /// <summary><c>BATCH_UPDATE_PIPELINE_INSTANCE</c>.</summary>
    BatchUpdateInstances = 3,
    /// <summary><c>ARCHIVE_CONFIG</c>.</summary>
    Archive = 4,
    /// <summary>Roll back to the config of an earlier version.</summary>
    Rollback = 5,
    /// <summary><c>DELETE_CONFIG</c>.</summary>
    Delete = 6,
}

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
