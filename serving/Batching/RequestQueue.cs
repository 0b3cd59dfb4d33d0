using System.Diagnostics;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// A model's bounded FIFO of waiting items, and the batch former's wait: until a full batch waits, or the first waiting
/// item has waited the queue delay. Blocking waits are millisecond-grained, so the last stretch of a delay (all of a
/// sub-millisecond one) is spun with yields; an item that fills the batch wakes the former at once.
/// </summary>
internal sealed class RequestQueue(int capacity)
{
    // Block only when this much of the delay is left, and wake this much before the deadline to spin the rest.
    private static readonly long BlockAbove = Stopwatch.Frequency * 3 / 2000;
    private static readonly long SpinBelow = Stopwatch.Frequency / 2000;

    // A busy model's next item usually comes within this; spinning for it spares a sleep and a wake-up per batch.
    private static readonly long IdleSpin = Stopwatch.Frequency / 20_000;

    // The longest idle spin, however slow the model's runs (beyond it a wake-up costs little next to a run).
    private static readonly long MaxIdleSpin = Stopwatch.Frequency / 2_000;

    private long _idleSpin = IdleSpin;

    private readonly object _sync = new();
    private PendingInference? _head;
    private PendingInference? _tail;
    private int _count;
    private bool _closed;
    private int _wakeAt = int.MaxValue;

    public enum Outcome
    {
        Queued,
        Full,
        Closed,
    }

    public int Capacity => capacity;

    public int Count => Volatile.Read(ref _count);

    public Outcome TryEnqueue(PendingInference item)
    {
        lock (_sync)
        {
            if (_closed)
            {
                return Outcome.Closed;
            }

            if (_count >= capacity)
            {
                return Outcome.Full;
            }

            // Stamped under the lock, so the head is always the oldest.
            item.EnqueuedAt = Stopwatch.GetTimestamp();
            item.Previous = _tail;
            item.Next = null;
            if (_tail is null)
            {
                _head = item;
            }
            else
            {
                _tail.Next = item;
            }

            _tail = item;
            item.Queued = true;
            Volatile.Write(ref _count, _count + 1);
            if (_count >= _wakeAt)
            {
                _wakeAt = int.MaxValue;
                Monitor.Pulse(_sync);
            }

            return Outcome.Queued;
        }
    }

    /// <summary>Removes an item that is still waiting (a cancelled request); false once a batch has taken it.</summary>
    public bool TryRemove(PendingInference item)
    {
        lock (_sync)
        {
            if (!item.Queued)
            {
                return false;
            }

            Unlink(item);
            return true;
        }
    }

    /// <summary>Refuses new items and wakes the former; what waits is still served.</summary>
    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>
    /// Blocks until a batch is due: <paramref name="maxBatch"/> items wait, or the oldest has waited
    /// <paramref name="delayTicks"/>, or the queue is closed (then no waiting: what is there is due).
    /// False when the queue is closed and empty: the former's thread may end.
    /// </summary>
    public bool WaitForBatch(int maxBatch, long delayTicks)
    {
        // A queue shorter than the batch is a full batch when it is full: waiting longer cannot add anything.
        maxBatch = Math.Min(maxBatch, capacity);
        var spinForFirst = true;
        Monitor.Enter(_sync);
        try
        {
            while (true)
            {
                if (_count == 0)
                {
                    if (_closed)
                    {
                        return false;
                    }

                    if (spinForFirst)
                    {
                        spinForFirst = false;
                        Monitor.Exit(_sync);
                        try
                        {
                            SpinForFirst();
                        }
                        finally
                        {
                            Monitor.Enter(_sync);
                        }

                        continue;
                    }

                    _wakeAt = 1;
                    Monitor.Wait(_sync);
                    _wakeAt = int.MaxValue;
                    continue;
                }

                if (_count >= maxBatch || _closed)
                {
                    return true;
                }

                var deadline = _head!.EnqueuedAt + delayTicks;
                var remaining = deadline - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    return true;
                }

                if (remaining > BlockAbove)
                {
                    _wakeAt = maxBatch;
                    Monitor.Wait(_sync, (int)((remaining - SpinBelow) * 1000 / Stopwatch.Frequency));
                    _wakeAt = int.MaxValue;
                    continue;
                }

                Monitor.Exit(_sync);
                try
                {
                    SpinUntil(deadline, maxBatch);
                }
                finally
                {
                    Monitor.Enter(_sync);
                }
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> items in FIFO order into <paramref name="batch"/>. With
    /// <paramref name="matchItemDims"/>, only items whose dimensions equal the first one's join it (the others keep their place).
    /// </summary>
    public int Take(PendingInference[] batch, int max, bool matchItemDims)
    {
        lock (_sync)
        {
            var taken = 0;
            var item = _head;
            while (item is not null && taken < max)
            {
                var next = item.Next;
                if (!matchItemDims || taken == 0 || SameItemDims(batch[0], item))
                {
                    Unlink(item);
                    batch[taken++] = item;
                }

                item = next;
            }

            return taken;
        }
    }

    private static bool SameItemDims(PendingInference first, PendingInference other)
    {
        for (var i = 0; i < first.ItemDims.Length; i++)
        {
            if (!first.ItemDims[i].AsSpan().SequenceEqual(other.ItemDims[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Tells the queue how long the model's last run took: the next caller of a busy model comes about one run after
    /// the last (its previous result, then its next request), so the batcher spins that long (twice that, between 50 µs
    /// and 0.5 ms) for it before sleeping; a wake-up costs 40 to 180 µs on these machines, more than a small model's run.
    /// </summary>
    public void ObserveRun(long runTicks) => Volatile.Write(ref _idleSpin, Math.Clamp(runTicks * 2, IdleSpin, MaxIdleSpin));

    private void SpinForFirst()
    {
        var deadline = Stopwatch.GetTimestamp() + Volatile.Read(ref _idleSpin);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _count) == 0 && !Volatile.Read(ref _closed) && Stopwatch.GetTimestamp() < deadline)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void SpinUntil(long deadline, int maxBatch)
    {
        var spinner = default(SpinWait);
        while (Stopwatch.GetTimestamp() < deadline && Volatile.Read(ref _count) is > 0 and var count && count < maxBatch && !Volatile.Read(ref _closed))
        {
            // Never Sleep(1): that would overshoot a sub-millisecond delay; yields let the other threads work.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Unlink(PendingInference item)
    {
        if (item.Previous is null)
        {
            _head = item.Next;
        }
        else
        {
            item.Previous.Next = item.Next;
        }

        if (item.Next is null)
        {
            _tail = item.Previous;
        }
        else
        {
            item.Next.Previous = item.Previous;
        }

        item.Previous = null;
        item.Next = null;
        item.Queued = false;
        Volatile.Write(ref _count, _count - 1);
    }
}
