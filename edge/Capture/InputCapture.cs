using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// A source that captures nothing by itself and publishes the inputs of one origin offered to it (client pushes for
/// <c>OnDemandInput</c>, the pipeline's own loopback payloads for <c>Loopback</c>), refusing the others.
/// </summary>
public abstract class InputCapture(CaptureInputOrigin takes) : CaptureSource<CaptureConfig>
{
    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, cancellationToken);
    }

    public override bool OnInput(ICaptureContext context, CaptureInput input)
    {
        if (input.Origin != takes)
        {
            return false;
        }

        context.Publish(input.Item);
        return true;
    }
}
