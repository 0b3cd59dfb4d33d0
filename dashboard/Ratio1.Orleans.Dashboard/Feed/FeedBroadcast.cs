using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>Fans each message of the live feed out to the open connections whose filter takes it.</summary>
public sealed class FeedBroadcast(IOptions<FeedOptions> options, FeedMetrics metrics)
{
    private readonly Lock _lock = new();
    private readonly int _capacity = Math.Max(1, options.Value.FeedBufferMessages);
    private FeedConnection[] _connections = [];

    /// <summary>Whether any connection is open (when none, the subscriber builds no feed messages at all).</summary>
    public bool HasConnections => Volatile.Read(ref _connections).Length > 0;

    /// <summary>The open connections.</summary>
    public IReadOnlyList<FeedConnection> Connections => Volatile.Read(ref _connections);

    /// <summary>Hands <paramref name="message"/> to every connection whose filter takes it.</summary>
    public void Publish(FeedMessage message)
    {
        foreach (var connection in Volatile.Read(ref _connections))
        {
            connection.Offer(message);
        }
    }

    /// <summary>Opens a connection with its own bounded buffer; dispose the result to close it.</summary>
    public FeedSubscription Open(FeedFilter filter)
    {
        var connection = new FeedConnection(filter, _capacity, metrics);
        lock (_lock)
        {
            _connections = [.. _connections, connection];
        }

        metrics.Opened();
        return new FeedSubscription(this, connection);
    }

    internal void Close(FeedConnection connection)
    {
        lock (_lock)
        {
            _connections = [.. _connections.Where(c => c != connection)];
        }

        connection.Complete();
        metrics.Closed();
    }
}
