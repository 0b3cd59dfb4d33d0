namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>Settings of the live feed (section <c>Dashboard</c>).</summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section the feed reads.</summary>
    public const string Section = "Dashboard";

    /// <summary>
    /// <c>Dashboard:FeedBufferMessages</c>: messages waiting for one feed connection at most (default 1000). When a slow
    /// browser lets it fill, the oldest are dropped and counted (a <c>dropped</c> event tells the browser).
    /// </summary>
    public int FeedBufferMessages { get; set; } = 1000;

    /// <summary><c>Dashboard:FeedKeepAliveSeconds</c>: a quiet connection gets a <c>: keep-alive</c> comment this often (default 15).</summary>
    public double FeedKeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// <c>Dashboard:FeedFieldMaxChars</c>: a string of a payload longer than this is cut on the feed (and named in the
    /// event's <c>cut</c> list), except <c>IMG</c> fields, the images the page shows (default 262144).
    /// </summary>
    public int FeedFieldMaxChars { get; set; } = 256 * 1024;

    /// <summary><c>Dashboard:RecentHeartbeats</c>: heartbeats kept per node for the page's charts (default 120).</summary>
    public int RecentHeartbeats { get; set; } = 120;
}
