namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>The kinds of message a node sends on its traffic streams (Ratio1's <c>EE_EVENT_TYPE</c>).</summary>
[GenerateSerializer, Alias("r1.message-kind")]
public enum MessageKind
{
    /// <summary>A plugin instance's business payload.</summary>
    Payload = 0,

    /// <summary>A notification (acknowledgement, alert, exception).</summary>
    Notification = 1,

    /// <summary>The node's periodic heartbeat.</summary>
    Heartbeat = 2,
}
