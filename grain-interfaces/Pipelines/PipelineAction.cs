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
