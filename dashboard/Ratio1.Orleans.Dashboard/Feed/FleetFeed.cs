using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// Takes the fleet's traffic in: every node's heartbeats, notifications and payloads, through a client session. Each
/// message updates <see cref="FleetActivity"/> and, when a browser is connected, goes to <see cref="FeedBroadcast"/>.
/// Handling never waits on a browser (each connection has its own bounded buffer), so a slow page cannot slow the
/// streams.
/// </summary>
public sealed class FleetFeed(FleetActivity activity, FeedBroadcast broadcast, FeedJson json, ILogger<FleetFeed> logger)
{
    /// <summary>Subscribes to the traffic of every node through <paramref name="session"/>; dispose the result to leave.</summary>
    public async Task<IAsyncDisposable> FollowAsync(Ratio1Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var joined = new List<IAsyncDisposable>(3);
        try
        {
            joined.Add(await session.OnHeartbeatAsync(h => Handle(h, Accept, "heartbeat"), cancellationToken));
            joined.Add(await session.OnNotificationAsync(n => Handle(n, Accept, "notification"), cancellationToken));
            joined.Add(await session.OnPayloadAsync(p => Handle(p, Accept, "payload"), cancellationToken));
        }
        catch
        {
            await LeaveAsync(joined);
            throw;
        }

        return new Following(joined);
    }

    /// <summary>Takes one heartbeat in.</summary>
    public void Accept(Heartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var view = activity.RecordHeartbeat(heartbeat);
        if (broadcast.HasConnections)
        {
            var node = heartbeat.Envelope.NodeId;
            broadcast.Publish(new FeedMessage(FeedKinds.Heartbeat, node, null, null, () => json.Heartbeat(node, view)));
        }
    }

    /// <summary>Takes one notification in.</summary>
    public void Accept(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        activity.RecordNotification(notification);
        if (broadcast.HasConnections)
        {
            var envelope = notification.Envelope;
            broadcast.Publish(new FeedMessage(FeedKinds.Notification, envelope.NodeId, envelope.Pipeline, envelope.Signature, () => json.Notification(notification)));
        }
    }

    /// <summary>Takes one payload in.</summary>
    public void Accept(Payload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        activity.RecordPayload(payload);
        if (broadcast.HasConnections)
        {
            var envelope = payload.Envelope;
            broadcast.Publish(new FeedMessage(FeedKinds.Payload, envelope.NodeId, envelope.Pipeline, envelope.Signature, () => json.Payload(payload)));
        }
    }

    private Task Handle<T>(T message, Action<T> accept, string kind)
    {
        try
        {
            accept(message);
        }
        catch (Exception e)
        {
            // One odd message must not end the subscription (the stream would report it to every handler).
            FeedLog.MessageFailed(logger, e, kind);
        }

        return Task.CompletedTask;
    }

    private static async Task LeaveAsync(IEnumerable<IAsyncDisposable> joined)
    {
        foreach (var subscription in joined)
        {
            await subscription.DisposeAsync();
        }
    }

    private sealed class Following(List<IAsyncDisposable> joined) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await LeaveAsync(joined);
    }
}
