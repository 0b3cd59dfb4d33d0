using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Telemetry;

/// <summary>A change a pipeline grain is asked for, as its metrics name it.</summary>
public enum PipelineOperation
{
    /// <summary>Not a change (a read, or a validation).</summary>
    None,

    /// <summary>Create or update the pipeline's config.</summary>
    Deploy,

    /// <summary>Update some of its instances.</summary>
    UpdateInstances,

    /// <summary>Go back to an earlier version.</summary>
    Rollback,

    /// <summary>Stop it, keeping its history.</summary>
    Archive,

    /// <summary>Remove it and its history.</summary>
    Delete,
}

/// <summary>Names of <see cref="PipelineOperation"/>.</summary>
public static class PipelineOperations
{
    /// <summary>The operation a call of <see cref="IPipelineGrain"/>'s <paramref name="method"/> is.</summary>
    public static PipelineOperation Of(string method) => method switch
    {
        nameof(IPipelineGrain.UpdateConfigAsync) or nameof(IPipelineGrain.ReplaceConfigAsync) => PipelineOperation.Deploy,
        nameof(IPipelineGrain.UpdateInstancesAsync) => PipelineOperation.UpdateInstances,
        nameof(IPipelineGrain.RollbackAsync) => PipelineOperation.Rollback,
        nameof(IPipelineGrain.ArchiveAsync) => PipelineOperation.Archive,
        nameof(IPipelineGrain.DeleteAsync) => PipelineOperation.Delete,
        _ => PipelineOperation.None,
    };

    /// <summary>The attribute value of <paramref name="operation"/>.</summary>
    public static string ToTag(this PipelineOperation operation) => operation switch
    {
        PipelineOperation.Deploy => "deploy",
        PipelineOperation.UpdateInstances => "update_instances",
        PipelineOperation.Rollback => "rollback",
        PipelineOperation.Archive => "archive",
        PipelineOperation.Delete => "delete",
        _ => "none",
    };
}
