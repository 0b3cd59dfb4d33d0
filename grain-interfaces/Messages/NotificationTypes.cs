namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>Ratio1 names of notification types.</summary>
public static class NotificationTypes
{
    public static string ToRatio1Name(this NotificationType type) => type switch
    {
        NotificationType.Exception => "EXCEPTION",
        NotificationType.AbnormalFunctioning => "ABNORMAL FUNCTIONING",
        NotificationType.Email => "EMAIL",
        _ => "NORMAL",
    };
}
