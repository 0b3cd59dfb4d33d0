using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>Loopback</c>: feeds the pipeline with the payloads of its own instances that have <c>IS_LOOPBACK_PLUGIN</c> set
/// (the runtime offers them to the source as <see cref="CaptureInputOrigin.Loopback"/> inputs), so a pipeline can
/// iterate on its own results. Client pushes are refused: they belong to <c>OnDemandInput</c>.
/// </summary>
[CaptureType("Loopback", Description = "Payloads of the pipeline's own IS_LOOPBACK_PLUGIN instances")]
public sealed class LoopbackCapture() : InputCapture(CaptureInputOrigin.Loopback);
