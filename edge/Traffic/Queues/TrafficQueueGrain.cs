using Microsoft.Extensions.Options;
using Orleans.Placement;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// A bounded in-memory queue of traffic batches (see <see cref="ITrafficQueueGrain"/>). Placed on the silo that first
/// uses it, which is its pulling agent's (agents poll from the start): the agent reads it without crossing the network,
/// and on a single node so does the publisher. Batches get increasing sequence numbers, starting from the clock so a
/// reactivated queue never reuses one.
/// </summary>
[PreferLocalPlacement]
public sealed class TrafficQueueGrain(IOptions<TrafficOptions> options, TrafficLedger ledger, TrafficQueueDoorbells doorbells) : Grain, ITrafficQueueGrain
{
    // What a queued batch costs beyond its bytes: the batch object and the queue's slot.
    internal const int EntryBytes = 96;

    private Queue<TrafficBatch> _batches = new();
    private readonly long _capacity = options.Value.QueueBytes;
    private long _sequence = DateTime.UtcNow.Ticks;
    private long _bytes;
    private TrafficQueueDoorbells.Doorbell? _doorbell;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _doorbell = doorbells.Of(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<bool> EnqueueAsync(TrafficBatch batch)
    {
        var cost = batch.Body.Length + EntryBytes;
        if (_bytes + cost > _capacity && _batches.Count > 0)
        {
            return Task.FromResult(false);
        }

        _batches.Enqueue(batch.At(_sequence++));
        _bytes += cost;
        ledger.TrackQueued(cost);
        _doorbell?.Ring();
        return Task.FromResult(true);
    }

    public Task<TrafficBatch[]> DequeueAsync(int maxCount)
    {
        var count = Math.Min(maxCount, _batches.Count);
        if (count == 0)
        {
            return Task.FromResult(Array.Empty<TrafficBatch>());
        }

        var taken = new TrafficBatch[count];
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            taken[i] = _batches.Dequeue();
            bytes += taken[i].Body.Length + EntryBytes;
        }

        _bytes -= bytes;
        ledger.TrackQueued(-bytes);
        return Task.FromResult(taken);
    }

    public Task ReturnAsync(TrafficBatch[] batches)
    {
        if (batches.Length == 0)
        {
            return Task.CompletedTask;
        }

        // Rare (a queue handed over between silos while a read was in flight): rebuilding the queue is fine.
        _batches = new Queue<TrafficBatch>(batches.Concat(_batches));
        var bytes = batches.Sum(b => (long)b.Body.Length + EntryBytes);
        _bytes += bytes;
        ledger.TrackQueued(bytes);
        _doorbell?.Ring();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Memory queues do not survive their activation (the silo stopping, usually): what is left is lost, and said so.
        foreach (var batch in _batches)
        {
            ledger.CountDropped(batch.Kind, DropReason.Expired, batch.MessageCount);
        }

        ledger.TrackQueued(-_bytes);
        _batches.Clear();
        _bytes = 0;
        return Task.CompletedTask;
    }
}
