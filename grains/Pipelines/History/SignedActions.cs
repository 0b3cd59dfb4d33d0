using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines.History;

/// <summary>Which signed grain methods (the method part of a request's <c>ACTION</c>) can make a version of each kind.</summary>
internal static class SignedActions
{
    public static bool Allows(PipelineAction action, string? method) => (action, method) switch
    {
        (PipelineAction.Create or PipelineAction.UpdateConfig, "update-config" or "replace-config") => true,
        (PipelineAction.UpdateInstance or PipelineAction.BatchUpdateInstances, "update-instances" or "batch-update-instances") => true,
        (PipelineAction.Archive, "archive" or "archive-all") => true,
        // A node-wide batch that fails undoes the shares it applied with rollbacks under its own request.
        (PipelineAction.Rollback, "rollback" or "batch-update-instances") => true,
        _ => false,
    };
}
