using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>Loopback</c>: feeds the pipeline with the payloads of its own instances that have <c>IS_LOOPBACK_PLUGIN</c> set
/// (the runtime routes them here), so a pipeline can iterate on its own results.
/// </summary>
[CaptureType("Loopback", Description = "Payloads of the pipeline's own IS_LOOPBACK_PLUGIN instances")]
public sealed class LoopbackCapture : CaptureSource<CaptureSettings>
{
    protected override async Task RunAsync(ICaptureContext context, CaptureSettings settings, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
