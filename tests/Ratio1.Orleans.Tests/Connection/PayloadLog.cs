using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Tests.Connection;

/// <summary>Every payload a handler was called with, in order, to count and to look for doubles (by <c>Envelope.MessageId</c>).</summary>
public sealed class PayloadLog
{
    private readonly ConcurrentQueue<Payload> _payloads = new();

    public int Count => _payloads.Count;

    public IReadOnlyList<Payload> Payloads => [.. _payloads];

    /// <summary>Message ids that reached the handler more than once.</summary>
    public IReadOnlyList<Guid> Doubles => [.. _payloads.GroupBy(p => p.Envelope.MessageId).Where(g => g.Count() > 1).Select(g => g.Key)];

    public Task Add(Payload payload)
    {
        _payloads.Enqueue(payload);
        return Task.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> payloads have arrived; fails the test on timeout.</summary>
    public async Task AtLeastAsync(int count, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Count < count)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}: {Count} of {count} payloads.");
            }

            await Task.Delay(20);
        }
    }
}
