using System.Collections.Concurrent;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>Messages a test subscribed to, and a bounded wait for the ones it expects.</summary>
public sealed class Inbox<T>
{
    private readonly ConcurrentQueue<T> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyCollection<T> Received => _received;

    /// <summary>The handler to subscribe.</summary>
    public Task AddAsync(T message)
    {
        _received.Enqueue(message);
        _arrived.Release();
        return Task.CompletedTask;
    }

    /// <summary>Waits until <paramref name="done"/> holds over what arrived; fails the test with <paramref name="expectation"/> after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyCollection<T>> WaitUntilAsync(Func<IReadOnlyCollection<T>, bool> done, TimeSpan timeout, string expectation)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!done(_received))
        {
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                Assert.Fail($"Within {timeout.TotalSeconds:0.#} s: {expectation} (received {_received.Count} messages).");
            }
        }

        return _received;
    }
}
