using System.Collections.Concurrent;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Tests.Infrastructure;

/// <summary>Records what a client receives from one pipeline (payloads) and its node (notifications), to assert on.</summary>
public sealed class TrafficRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<Payload> _payloads = new();
    private readonly ConcurrentQueue<Notification> _notifications = new();
    private readonly List<IAsyncDisposable> _subscriptions = [];

    private TrafficRecorder()
    {
    }

    public IReadOnlyList<Payload> Payloads => [.. _payloads];

    public IReadOnlyList<Notification> Notifications => [.. _notifications];

    /// <summary>Starts recording (before anything is deployed, so nothing is missed).</summary>
    public static async Task<TrafficRecorder> StartAsync(Ratio1Session session, string node, string pipeline)
    {
        var recorder = new TrafficRecorder();
        recorder._subscriptions.Add(await session.OnPipelinePayloadAsync(node, pipeline, p =>
        {
            recorder._payloads.Enqueue(p);
            return Task.CompletedTask;
        }));
        recorder._subscriptions.Add(await session.OnNodeNotificationAsync(node, n =>
        {
            if (n.Envelope.Pipeline == pipeline)
            {
                recorder._notifications.Enqueue(n);
            }

            return Task.CompletedTask;
        }));
        return recorder;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked as traffic arrives); fails the test on timeout.</summary>
    public async Task WaitUntilAsync(Func<TrafficRecorder, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition(this))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what ?? "traffic"}. Payloads: {_payloads.Count}; notifications: {string.Join("; ", _notifications.Select(n => $"{n.Tag} {n.Message}"))}");
            }

            await Task.Delay(20);
        }
    }

    public int CountPayloads(string signature, string instanceId) =>
        _payloads.Count(p => p.Envelope.Signature == signature && p.Envelope.InstanceId == instanceId);

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync();
        }
    }
}
