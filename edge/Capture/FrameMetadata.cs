using System.Globalization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>The metadata every decoded frame carries: where it came from, its index and when it was captured.</summary>
internal static class FrameMetadata
{
    /// <summary><c>URL</c>, <c>FRAME</c> and <c>TIMESTAMP</c> (ISO 8601 UTC, as <c>EE_TIMESTAMP</c>); sources add their own keys.</summary>
    public static ConfigMap Of(string url, long frame, DateTimeOffset capturedAt) => ConfigMap.Empty
        .SetItem("URL", url)
        .SetItem("FRAME", frame)
        .SetItem("TIMESTAMP", capturedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
}
