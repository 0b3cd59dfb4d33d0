using System.Collections.Concurrent;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// One doorbell per memory traffic queue on this silo: a queue grain rings its own when it accepts a batch, and the
/// queue's pulling agent (on the same silo: the queue grain is placed where its agent first polls it) waits for the
/// ring while the queue is empty instead of polling it every pulling period.
/// </summary>
public sealed class TrafficQueueDoorbells
{
    private readonly ConcurrentDictionary<string, Doorbell> _doorbells = new(StringComparer.Ordinal);

    /// <summary>The doorbell of the queue keyed <paramref name="queue"/> (<c>provider/queue</c>).</summary>
    public Doorbell Of(string queue) => _doorbells.GetOrAdd(queue, static _ => new Doorbell());

    /// <summary>Rings when a batch is queued; answering clears it; one reader may wait for it.</summary>
    public sealed class Doorbell
    {
        private readonly Lock _lock = new();
        private bool _rung;
        private TaskCompletionSource? _waiter;

        public void Ring()
        {
            TaskCompletionSource? waiter;
            lock (_lock)
            {
                _rung = true;
                waiter = _waiter;
                _waiter = null;
            }

            waiter?.TrySetResult();
        }

        /// <summary>Whether it rang since the last answer (and clears it).</summary>
        public bool Answer()
        {
            lock (_lock)
            {
                var rung = _rung;
                _rung = false;
                return rung;
            }
        }

        /// <summary>Completes when it rings (at once if it rang unanswered), after <paramref name="timeout"/>, or when <paramref name="cancellationToken"/> fires; never throws.</summary>
        public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
        {
            Task rang;
            lock (_lock)
            {
                if (_rung)
                {
                    return;
                }

                // Continuations run on the reader's own scheduler, not inside the publisher's Ring.
                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                rang = _waiter.Task;
            }

            // Back on the caller's scheduler (the pulling agent's), which then reads the queue.
            await rang.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }
}
