namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>Ratio1's <c>NOTIFICATION_TYPE</c>.</summary>
public enum NotificationType
{
    /// <summary><c>NORMAL</c>.</summary>
    Normal = 0,
    /// <summary><c>EXCEPTION</c>.</summary>
    Exception = 1,
    /// <summary><c>ABNORMAL FUNCTIONING</c>.</summary>
    AbnormalFunctioning = 2,
    /// <summary><c>EMAIL</c>.</summary>
    Email = 3,
}
