using System.Diagnostics.Metrics;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>The live feed's instruments on the platform meter <c>Ratio1.Orleans</c> (docs/metrics.md).</summary>
public sealed class FeedMetrics
{
    /// <summary>The platform's meter, shared with the silo's own instruments.</summary>
    public const string MeterName = "Ratio1.Orleans";

    private readonly Counter<long> _dropped;
    private readonly UpDownCounter<long> _connections;
    private readonly KeyValuePair<string, object?>[][] _kindTags;

    public FeedMetrics(IMeterFactory? meters = null)
    {
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _dropped = meter.CreateCounter<long>("ratio1.dashboard.feed.dropped", "{message}",
            "Messages of the live feed dropped for a connection whose buffer was full (a browser reading too slowly)");
        _connections = meter.CreateUpDownCounter<long>("ratio1.dashboard.feed.connections", "{connection}", "Open connections to the live feed");
        // Tag lists built once, so a drop allocates nothing.
        _kindTags =
        [
            [new("ratio1.message.kind", "heartbeat")],
            [new("ratio1.message.kind", "notification")],
            [new("ratio1.message.kind", "payload")],
        ];
    }

    public void Dropped(FeedKinds kind) => _dropped.Add(1, _kindTags[kind switch
    {
        FeedKinds.Heartbeat => 0,
        FeedKinds.Notification => 1,
        _ => 2,
    }]);

    public void Opened() => _connections.Add(1);

    public void Closed() => _connections.Add(-1);
}
