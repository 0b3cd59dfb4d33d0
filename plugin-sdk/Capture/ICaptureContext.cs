using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>What the node runtime gives a running capture source.</summary>
public interface ICaptureContext
{
    /// <summary>The node the pipeline runs on.</summary>
    string NodeId { get; }

    /// <summary>The pipeline's config (its <c>TYPE</c>, <c>URL</c>, <c>CAP_RESOLUTION</c> and source-specific keys).</summary>
    PipelineConfig Pipeline { get; }

    /// <summary>The node's clock.</summary>
    TimeProvider Time { get; }

    /// <summary>A logger named after the source.</summary>
    ILogger Logger { get; }

    /// <summary>Delivers an item to every instance of the pipeline (each keeps up to its <c>MAX_INPUTS_QUEUE_SIZE</c>).</summary>
    void Publish(CaptureItem item);

    /// <summary>
    /// Tells the runtime the source is capturing (Ratio1's <c>PIPELINE_OK</c>: the pipeline can be used). Sources that
    /// do not call it are considered started when <see cref="CaptureSource.RunAsync"/> first yields.
    /// </summary>
    void ReportStarted();

    /// <summary>Services of the node (for sources that listen to the cluster, such as <c>NetworkListener</c>).</summary>
    IServiceProvider Services { get; }
}
