using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Client.Traffic;

/// <summary>
/// Listens to one node's notifications from before a request is sent until its acknowledgements arrive, so none is
/// missed (Ratio1's transactions): <see cref="WaitAsync"/> completes when a notification matching the predicate has
/// arrived, or times out.
/// </summary>
internal sealed class NotificationWaiter : IAsyncDisposable
{
    private readonly ConcurrentQueue<Notification> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private IAsyncDisposable? _subscription;

    private NotificationWaiter()
    {
    }

    public static async Task<NotificationWaiter> StartAsync(TrafficSubscriptions subscriptions, string node, Func<Notification, bool> relevant)
    {
        var waiter = new NotificationWaiter();
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
    public async Task<bool> WaitAsync(Func<IReadOnlyCollection<Notification>, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!done(_received))
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left, cancellationToken))
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
