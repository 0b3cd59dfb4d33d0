using Microsoft.Extensions.Logging;

namespace Ratio1.Orleans.Dashboard.Feed;

internal static partial class FeedLog
{
    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Dashboard feed: following the fleet's heartbeats and notifications (its payloads while a browser's feed takes them)")]
    public static partial void Following(ILogger logger);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "Dashboard feed: cannot follow the fleet yet; trying again in {RetrySeconds} s")]
    public static partial void NotFollowing(ILogger logger, Exception exception, double retrySeconds);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Warning, Message = "Dashboard feed: leaving the fleet's streams failed")]
    public static partial void LeaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Warning, Message = "Dashboard feed: a {Kind} could not be taken in")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string kind);
}
