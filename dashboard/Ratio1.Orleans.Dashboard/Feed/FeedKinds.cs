namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>The kinds of message a feed connection asks for (<c>kinds=</c>).</summary>
[Flags]
public enum FeedKinds
{
    None = 0,
    Heartbeat = 1,
    Notification = 2,
    Payload = 4,
    All = Heartbeat | Notification | Payload,
}
