using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>
/// Pipelines a test deploys, deleted when it ends: listeners and echoes left running on the shared silo could hear
/// the pipelines of later tests.
/// </summary>
public sealed class DeployedPipelines(Ratio1Session session) : IAsyncDisposable
{
    private readonly List<Pipeline> _pipelines = [];

    /// <summary>Deploys (waiting for the node's confirmation unless <paramref name="options"/> says otherwise) and remembers the pipeline.</summary>
    public async Task<Pipeline> DeployAsync(Pipeline pipeline, DeployOptions? options = null)
    {
        _pipelines.Add(pipeline);
        await pipeline.DeployAsync(options);
        return pipeline;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pipeline in Enumerable.Reverse(_pipelines))
        {
            await session.DeletePipelineAsync(pipeline.Node, pipeline.Name);
        }
    }
}
