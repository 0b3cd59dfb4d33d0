using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>OnDemandInput</c>: captures nothing by itself; clients push inputs (<c>PushInputAsync</c>), and each reaches the
/// pipeline's instances with its <c>INPUT_ID</c>, for request/response use.
/// </summary>
[CaptureType("OnDemandInput", Description = "Inputs pushed by clients (request/response)")]
public sealed class OnDemandInputCapture : CaptureSource<CaptureSettings>
{
    protected override async Task RunAsync(ICaptureContext context, CaptureSettings settings, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
