namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// Which messages one feed connection gets: <c>GET /api/feed?node=&amp;pipeline=&amp;signature=&amp;kinds=</c>. A
/// filter left out lets everything through; a pipeline or signature filter keeps only messages that name that pipeline
/// or signature (so heartbeats, which are per node, and node-wide notifications are left out by it).
/// </summary>
public sealed record FeedFilter(string? Node, string? Pipeline, string? Signature, FeedKinds Kinds)
{
    /// <summary>Everything.</summary>
    public static readonly FeedFilter All = new(null, null, null, FeedKinds.All);

    /// <summary>Whether <paramref name="message"/> passes.</summary>
    public bool Matches(FeedMessage message) =>
        (Kinds & message.Kind) != 0
        && (Node is null || string.Equals(Node, message.Node, StringComparison.Ordinal))
        && (Pipeline is null || string.Equals(Pipeline, message.Pipeline, StringComparison.Ordinal))
        // Signatures are upper-case by convention; a page typing ecHo_01 means ECHO_01.
        && (Signature is null || string.Equals(Signature, message.Signature, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads the filter from query values (empty means no filter). <paramref name="kinds"/> is a comma-separated list
    /// of <c>heartbeat</c>, <c>notification</c>, <c>payload</c>.
    /// </summary>
    /// <exception cref="FeedFilterException">A kind is not one of those (the exception names the field and value).</exception>
    public static FeedFilter Parse(string? node, string? pipeline, string? signature, string? kinds)
    {
        var selected = FeedKinds.All;
        if (!string.IsNullOrWhiteSpace(kinds))
        {
            selected = FeedKinds.None;
            foreach (var kind in kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                selected |= kind.ToLowerInvariant() switch
                {
                    "heartbeat" or "heartbeats" => FeedKinds.Heartbeat,
                    "notification" or "notifications" => FeedKinds.Notification,
                    "payload" or "payloads" => FeedKinds.Payload,
                    _ => throw new FeedFilterException("kinds", kind, $"Unknown kind '{kind}' in 'kinds': use heartbeat, notification or payload (comma-separated)."),
                };
            }

            if (selected == FeedKinds.None)
            {
                throw new FeedFilterException("kinds", kinds, "'kinds' names no kind: use heartbeat, notification or payload (comma-separated).");
            }
        }

        return new FeedFilter(Blank(node), Blank(pipeline), Blank(signature), selected);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
