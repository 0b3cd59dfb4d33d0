using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Telemetry;

/// <summary>
/// Counts each change asked of a pipeline grain by how it ended (<see cref="PipelineChangeMetrics"/>), from the
/// typed error the caller gets. It runs after the request's authorization (a refused request is counted by
/// <c>ratio1.security.requests.refused</c>) and outside the storage filter, so database failures are seen typed.
/// </summary>
public sealed class PipelineChangeFilter(PipelineChangeMetrics metrics) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var operation = context.InterfaceMethod.DeclaringType == typeof(IPipelineGrain)
            ? PipelineOperations.Of(context.InterfaceMethod.Name)
            : PipelineOperation.None;
        if (operation == PipelineOperation.None)
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception e)
        {
            metrics.Count(operation, OutcomeOf(e), node: null);
            throw;
        }

        var outcome = context.Result is DeployOutcome { Changed: false } ? "unchanged" : "ok";
        metrics.Count(operation, outcome, GrainKeys.ParsePipeline(context.TargetId.Key.ToString()).Node);
    }

    private static string OutcomeOf(Exception e) => e switch
    {
        InvalidConfigException => "invalid",
        ConfigConflictException => "conflict",
        PipelineNotFoundException or PipelineVersionNotFoundException or InstanceNotFoundException => "not_found",
        NodeNotFoundException => "node_not_found",
        NodeUnavailableException => "node_unavailable",
        OverLimitException => "over_limit",
        StorageUnavailableException => "storage_unavailable",
        OperationCanceledException => "canceled",
        _ => "error",
    };
}
