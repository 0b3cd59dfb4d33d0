using System.Collections.Concurrent;
using Ratio1.Orleans.Client.Connection;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Client.Traffic;

/// <summary>
/// Listens to one node's notifications from before a request is sent until its acknowledgements arrive, so none is
/// missed (Ratio1's transactions): <see cref="WaitAsync"/> completes when a notification matching the predicate has
/// arrived, or times out; it fails at once if the connection to the cluster is lost meanwhile, as the answer would be.
/// </summary>
internal sealed class NotificationWaiter : IAsyncDisposable
{
    private readonly ConcurrentQueue<Notification> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly ClusterConnection _connection;
    private readonly Task _lost;
    private readonly string _node;
    private IAsyncDisposable? _subscription;

    private NotificationWaiter(ClusterConnection connection, string node)
    {
        _connection = connection;
        _lost = connection.Lost;
        _node = node;
    }

    public static async Task<NotificationWaiter> StartAsync(TrafficSubscriptions subscriptions, ClusterConnection connection, string node, Func<Notification, bool> relevant)
    {
        var waiter = new NotificationWaiter(connection, node);
        waiter._subscription = await subscriptions.SubscribeAsync<Notification>(TrafficStreams.Notifications(node), n =>
        {
            if (relevant(n))
            {
                waiter._received.Enqueue(n);
                waiter._arrived.Release();
            }

            return Task.CompletedTask;
        });
        return waiter;
    }

    /// <summary>Every relevant notification received so far.</summary>
    public IReadOnlyCollection<Notification> Received => _received;

    /// <summary>Waits until <paramref name="done"/> holds over the notifications received; false on timeout.</summary>
    /// <exception cref="ConnectionLostException">The connection was lost since the waiter started, before <paramref name="done"/> held.</exception>
    public async Task<bool> WaitAsync(Func<IReadOnlyCollection<Notification>, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!done(_received))
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var arrived = _arrived.WaitAsync(left, cancellationToken);
            if (await Task.WhenAny(arrived, _lost) == _lost && !done(_received))
            {
                throw new ConnectionLostException($"The connection to the cluster ({_connection.Gateways}) was lost while waiting for node '{_node}' to answer.");
            }

            if (!await arrived)
            {
                return done(_received);
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
