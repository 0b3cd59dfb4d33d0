using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>What the node runtime gives a running capture source.</summary>
public interface ICaptureContext : IRuntimeContext
{
    /// <summary>The pipeline's config (its <c>TYPE</c>, <c>URL</c>, <c>CAP_RESOLUTION</c> and source-specific keys).</summary>
    PipelineConfig Pipeline { get; }

    /// <summary>Delivers an item to every instance of the pipeline (each keeps up to its <c>MAX_INPUTS_QUEUE_SIZE</c>).</summary>
    void Publish(CaptureItem item);

    /// <summary>
    /// Tells the runtime the source is capturing (Ratio1's <c>PIPELINE_OK</c>: the pipeline can be used). Sources that
    /// do not call it are considered started when <see cref="CaptureSource.RunAsync"/> first yields.
    /// </summary>
    void ReportStarted();

    /// <summary>
    /// Calls <paramref name="listener"/> with (pipeline, item) for every item the named pipelines of this node capture,
    /// until the returned handle is disposed. A pipeline that does not run (yet) contributes nothing until it does.
    /// The listener runs on the capturing pipeline's thread: it must only hand the item on (for example
    /// <see cref="Publish"/>), never block.
    /// </summary>
    IDisposable ListenToCaptures(IEnumerable<string> pipelines, Action<string, CaptureItem> listener);

    /// <summary>
    /// Calls <paramref name="handler"/> with the payloads of every live pipeline of the cluster that
    /// <paramref name="selection"/> picks, joining pipelines as they appear and leaving them as they go, until the
    /// returned handle is disposed. The first listing happens before this returns (its failure is thrown).
    /// </summary>
    Task<IAsyncDisposable> WatchPayloadsAsync(PayloadSelection selection, Func<Payload, Task> handler, CancellationToken cancellationToken);
}
