using System.Collections.Concurrent;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// One doorbell per memory traffic queue on this silo: a queue grain rings its own when it accepts a batch, and the
/// queue's pulling agent (on the same silo: the queue grain is placed where its agent first polls it) reads the queue
/// when its doorbell rang instead of polling an empty queue every pulling period.
/// </summary>
public sealed class TrafficQueueDoorbells
{
    private readonly ConcurrentDictionary<string, Doorbell> _doorbells = new(StringComparer.Ordinal);

    /// <summary>The doorbell of the queue keyed <paramref name="queue"/> (<c>provider/queue</c>).</summary>
    public Doorbell Of(string queue) => _doorbells.GetOrAdd(queue, static _ => new Doorbell());

    /// <summary>Rings once per batch; answering clears it.</summary>
    public sealed class Doorbell
    {
        private int _rung;

        public void Ring() => Volatile.Write(ref _rung, 1);

        /// <summary>Whether it rang since the last answer (and clears it).</summary>
        public bool Answer() => Interlocked.Exchange(ref _rung, 0) == 1;
    }
}
