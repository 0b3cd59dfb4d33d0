using System.Collections.Concurrent;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Tests.Connection;

/// <summary>Records a session's <see cref="Ratio1Session.ConnectionLost"/> and <see cref="Ratio1Session.Reconnected"/> events, to wait for and assert on.</summary>
public sealed class ConnectionEvents
{
    private readonly ConcurrentQueue<ConnectionLostEventArgs> _lost = new();
    private readonly ConcurrentQueue<ReconnectedEventArgs> _reconnected = new();
    private readonly SemaphoreSlim _changed = new(0);

    public ConnectionEvents(Ratio1Session session)
    {
        session.ConnectionLost += (_, e) =>
        {
            _lost.Enqueue(e);
            _changed.Release();
        };
        session.Reconnected += (_, e) =>
        {
            _reconnected.Enqueue(e);
            _changed.Release();
        };
    }

    public IReadOnlyList<ConnectionLostEventArgs> Lost => [.. _lost];

    public IReadOnlyList<ReconnectedEventArgs> Reconnected => [.. _reconnected];

    public Task LostAsync(TimeSpan timeout) => UntilAsync(() => !_lost.IsEmpty, timeout, "ConnectionLost");

    public Task ReconnectedAsync(TimeSpan timeout) => UntilAsync(() => !_reconnected.IsEmpty, timeout, "Reconnected");

    private async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                Assert.Fail($"The session raised no {what} within {timeout.TotalSeconds} s.");
            }
        }
    }
}
