namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>The platform's meter and the attribute names its instruments share (see docs/metrics.md).</summary>
public static class MetricNames
{
    /// <summary>The platform's own meter: traffic, instances, captures, notifications, heartbeats, pipeline changes.</summary>
    public const string MeterName = "Ratio1.Orleans";

    /// <summary>The node a measurement is about.</summary>
    public const string Node = "ratio1.node";

    /// <summary>The pipeline (only on the node's own instruments: bounded by the node's config).</summary>
    public const string Pipeline = "ratio1.pipeline";

    /// <summary>The plugin signature of an instance.</summary>
    public const string Signature = "ratio1.signature";

    /// <summary>The capture type of a pipeline's source.</summary>
    public const string CaptureType = "ratio1.capture.type";

    /// <summary>The Ratio1 tag of a notification code (<c>PIPELINE_OK</c>, ...).</summary>
    public const string NotificationCode = "ratio1.notification.code";

    /// <summary>The Ratio1 name of a notification type (<c>NORMAL</c>, <c>EXCEPTION</c>, ...).</summary>
    public const string NotificationType = "ratio1.notification.type";

    /// <summary>How an operation ended.</summary>
    public const string Outcome = "outcome";

    /// <summary>Where an instance failed: <c>initialisation</c> or <c>execution</c>.</summary>
    public const string Stage = "stage";
}
