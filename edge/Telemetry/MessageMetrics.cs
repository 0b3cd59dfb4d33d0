using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>
/// The node's own messages, on the meter <see cref="MetricNames.MeterName"/>: notifications by code and type, and
/// heartbeats, counted when the node queues them for its traffic stream.
/// </summary>
public sealed class MessageMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _heartbeats;

    // Ratio1 tags of the codes seen (plugins may use any code of the business range, 500-899: bounded).
    private readonly ConcurrentDictionary<NotificationCode, string> _codeTags = new();

    /// <param name="meters">The host's factory; without one the meter is this object's own.</param>
    public MessageMetrics(IMeterFactory? meters = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MetricNames.MeterName) ?? new Meter(MetricNames.MeterName);
        _notifications = _meter.CreateCounter<long>("ratio1.notifications.sent", "{notification}",
            "Notifications the node queued for its traffic stream, by code (Ratio1 tag, e.g. PIPELINE_OK) and type.");
        _heartbeats = _meter.CreateCounter<long>("ratio1.heartbeats.sent", "{heartbeat}",
            "Heartbeats the node queued for its traffic stream.");
    }

    /// <summary>A notification was queued.</summary>
    public void NotificationSent(Notification notification)
    {
        var tags = new TagList
        {
            { MetricNames.Node, notification.Envelope.NodeId },
            { MetricNames.NotificationCode, _codeTags.GetOrAdd(notification.Code, static code => code.ToTag()) },
            { MetricNames.NotificationType, notification.Type.ToRatio1Name() },
        };
        _notifications.Add(1, in tags);
    }

    /// <summary>A heartbeat was queued.</summary>
    public void HeartbeatSent(Heartbeat heartbeat) =>
        _heartbeats.Add(1, new KeyValuePair<string, object?>(MetricNames.Node, heartbeat.Envelope.NodeId));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
