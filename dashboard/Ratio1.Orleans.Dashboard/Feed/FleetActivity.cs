using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// What the live feed has seen of each node: its latest and recent heartbeats (for the page's charts) and, per plugin
/// instance, its payload rate, last payload and last error. Fed by the dashboard's subscriber
/// (<see cref="FleetFeed"/>); read by the API's node view. Memory is bounded: <see cref="FeedOptions.RecentHeartbeats"/>
/// views per node, and an instance is forgotten once its node's heartbeats stop listing it and it has been quiet for a
/// minute.
/// </summary>
public sealed class FleetActivity(IOptions<FeedOptions> options, TimeProvider time)
{
    private static readonly TimeSpan QuietBeforeForgotten = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, NodeActivity> _nodes = new(StringComparer.Ordinal);
    private readonly int _recentCapacity = Math.Max(1, options.Value.RecentHeartbeats);

    /// <summary>The node's latest heartbeat, null before the first one reached the dashboard.</summary>
    public HeartbeatView? GetLatestHeartbeat(string node) =>
        _nodes.TryGetValue(node, out var activity) ? activity.Latest()?.AsOf(time.GetUtcNow()) : null;

    /// <summary>The node's recent heartbeats, oldest first (up to <see cref="FeedOptions.RecentHeartbeats"/>).</summary>
    public IReadOnlyList<HeartbeatView> GetRecentHeartbeats(string node)
    {
        if (!_nodes.TryGetValue(node, out var activity))
        {
            return [];
        }

        var now = time.GetUtcNow();
        return [.. activity.Recent().Select(v => v.AsOf(now))];
    }

    /// <summary>The node's plugin instances seen on the feed, sorted by pipeline, signature and instance id.</summary>
    public IReadOnlyList<InstanceActivity> GetInstanceActivity(string node) =>
        _nodes.TryGetValue(node, out var activity) ? activity.Instances(NowSecond()) : [];

    /// <summary>Takes a heartbeat in; returns its view.</summary>
    public HeartbeatView RecordHeartbeat(Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var now = time.GetUtcNow();
        var view = HeartbeatView.Of(heartbeat, now);
        var activity = Node(heartbeat.Envelope.NodeId);
        activity.Add(view);
        activity.ForgetGone(heartbeat, now - QuietBeforeForgotten);
        return view;
    }

    /// <summary>Counts a payload for its instance.</summary>
    public void RecordPayload(Payload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (Path(payload.Envelope) is { } path)
        {
            Node(payload.Envelope.NodeId).Instance(path).Payload(NowSecond(), payload.Envelope.Timestamp, time.GetUtcNow());
        }
    }

    /// <summary>Keeps a failure notification as its instance's last error (other notifications are ignored).</summary>
    public void RecordNotification(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (IsFailure(notification) && Path(notification.Envelope) is { } path)
        {
            Node(notification.Envelope.NodeId).Instance(path)
                .Error(new InstanceError(notification.Tag, notification.Message, notification.Envelope.Timestamp), time.GetUtcNow());
        }
    }

    /// <summary>An exception or abnormal functioning, or a failure code (Ratio1's failure codes are negative).</summary>
    public static bool IsFailure(Notification notification) =>
        notification.Type is NotificationType.Exception or NotificationType.AbnormalFunctioning || notification.Code < 0;

    private static InstancePath? Path(MessageEnvelope envelope) =>
        envelope is { Pipeline: { } pipeline, Signature: { } signature, InstanceId: { } instance } ? new InstancePath(pipeline, signature, instance) : null;

    private NodeActivity Node(string node) => _nodes.GetOrAdd(node, static (_, capacity) => new NodeActivity(capacity), _recentCapacity);

    private long NowSecond() => time.GetUtcNow().ToUnixTimeSeconds();

    private readonly record struct InstancePath(string Pipeline, string Signature, string InstanceId);

    private sealed class NodeActivity(int recentCapacity)
    {
        private readonly Queue<HeartbeatView> _recent = new(recentCapacity);
        private readonly ConcurrentDictionary<InstancePath, InstanceState> _instances = new();
        private readonly Lock _lock = new();

        public HeartbeatView? Latest()
        {
            lock (_lock)
            {
                return _recent.Count == 0 ? null : _recent.Last();
            }
        }

        public HeartbeatView[] Recent()
        {
            lock (_lock)
            {
                return [.. _recent];
            }
        }

        public void Add(HeartbeatView view)
        {
            lock (_lock)
            {
                if (_recent.Count == recentCapacity)
                {
                    _recent.Dequeue();
                }

                _recent.Enqueue(view);
            }
        }

        public InstanceState Instance(InstancePath path) => _instances.GetOrAdd(path, static _ => new InstanceState());

        public IReadOnlyList<InstanceActivity> Instances(long nowSecond) =>
            [.. _instances
                .OrderBy(i => i.Key.Pipeline, StringComparer.Ordinal).ThenBy(i => i.Key.Signature, StringComparer.Ordinal).ThenBy(i => i.Key.InstanceId, StringComparer.Ordinal)
                .Select(i => i.Value.View(i.Key, nowSecond))];

        // Instances of deleted pipelines would otherwise stay forever.
        public void ForgetGone(Heartbeat heartbeat, DateTimeOffset quietSince)
        {
            var running = heartbeat.ActivePlugins.IsDefault
                ? []
                : heartbeat.ActivePlugins.Select(p => new InstancePath(p.StreamId, p.Signature, p.InstanceId)).ToHashSet();
            foreach (var (path, state) in _instances)
            {
                if (!running.Contains(path) && state.LastSeen < quietSince)
                {
                    _instances.TryRemove(path, out _);
                }
            }
        }
    }

    private sealed class InstanceState
    {
        private readonly PayloadRate _rate = new();
        private readonly Lock _lock = new();
        private DateTimeOffset? _lastPayloadAt;
        private InstanceError? _lastError;

        public DateTimeOffset LastSeen { get; private set; }

        public void Payload(long second, DateTimeOffset sentAt, DateTimeOffset now)
        {
            lock (_lock)
            {
                _rate.Add(second);
                _lastPayloadAt = sentAt;
                LastSeen = now;
            }
        }

        public void Error(InstanceError error, DateTimeOffset now)
        {
            lock (_lock)
            {
                _lastError = error;
                LastSeen = now;
            }
        }

        public InstanceActivity View(InstancePath path, long nowSecond)
        {
            lock (_lock)
            {
                return new InstanceActivity(path.Pipeline, path.Signature, path.InstanceId, _rate.PerSecond(nowSecond), _lastPayloadAt, _lastError);
            }
        }
    }
}
