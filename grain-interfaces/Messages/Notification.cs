namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>A notification: Ratio1's asynchronous acknowledgement and alert channel (<c>EE_EVENT_TYPE = NOTIFICATION</c>).</summary>
/// <param name="PipelineVersion">For config acknowledgements: the pipeline version the instance now runs.</param>
/// <param name="CommandId">For command acknowledgements: the command's id.</param>
[GenerateSerializer, Immutable, Alias("r1.notification")]
public sealed record Notification(
    [property: Id(0)] MessageEnvelope Envelope,
    [property: Id(1)] NotificationType Type,
    [property: Id(2)] NotificationCode Code,
    [property: Id(3)] string Message,
    [property: Id(4)] string? Info = null,
    [property: Id(5)] string? Module = null,
    [property: Id(6)] int? PipelineVersion = null,
    [property: Id(7)] Guid? CommandId = null)
{
    /// <summary><c>NOTIFICATION_TAG</c>.</summary>
    public string Tag => Code.ToTag();
}
