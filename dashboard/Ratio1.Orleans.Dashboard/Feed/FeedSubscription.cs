namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>An open connection of the live feed; disposing it closes the connection and frees its buffer.</summary>
public sealed class FeedSubscription(FeedBroadcast broadcast, FeedConnection connection) : IDisposable
{
    private int _closed;

    public FeedConnection Connection { get; } = connection;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            broadcast.Close(Connection);
        }
    }
}
