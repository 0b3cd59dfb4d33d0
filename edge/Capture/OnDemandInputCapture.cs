using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>OnDemandInput</c>: captures nothing by itself; clients push inputs (<c>PushInputAsync</c>), and each reaches the
/// pipeline's instances with its <c>INPUT_ID</c>, for request/response use. It takes client inputs only: loopback
/// payloads are not its business.
/// </summary>
[CaptureType("OnDemandInput", Description = "Inputs pushed by clients (request/response)")]
public sealed class OnDemandInputCapture() : InputCapture(CaptureInputOrigin.Client);
