using System.Collections.Immutable;
using System.Diagnostics;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// One item from the call until its caller has its result: its tensors, when it was queued, its links in the queue
/// (intrusive, so queueing and removing a cancelled item allocate nothing) and the completion its caller awaits — the
/// item is its own <see cref="TaskCompletionSource{TResult}"/>, one allocation fewer per request. Continuations run
/// on the thread pool, never on a batcher thread or under the queue's lock.
/// </summary>
internal sealed class PendingInference(DynamicBatcher owner, IReadOnlyList<TensorData> inputs, long[][] itemDims)
    : TaskCompletionSource<BatchResult>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const int NoRegistration = 0;
    private const int Registered = 1;
    private const int Settled = 2;

    private CancellationTokenRegistration _registration;
    private int _registrationState;
    private int _claimed;

    public DynamicBatcher Owner { get; } = owner;

    public IReadOnlyList<TensorData> Inputs { get; } = inputs;

    /// <summary>Each input's item dimensions (what batch mates must agree on when the model leaves some free).</summary>
    public long[][] ItemDims { get; } = itemDims;

    /// <summary>The traced request this item belongs to (default: not traced).</summary>
    public ActivityContext Trace { get; set; }

    /// <summary>Stopwatch timestamp of queueing.</summary>
    public long EnqueuedAt { get; set; }

    /// <summary>This item's outputs, set by the batch run.</summary>
    public ImmutableArray<TensorData> Outputs { get; set; }

    // The queue's links; read and written under the queue's lock only.
    internal PendingInference? Previous { get; set; }

    internal PendingInference? Next { get; set; }

    internal bool Queued { get; set; }

    /// <summary>Whether the caller still waits: no outcome (result, failure, cancellation) has been claimed for it.</summary>
    public bool IsWaiting => Volatile.Read(ref _claimed) == 0;

    /// <summary>
    /// Claims the right to settle the item, once: whoever wins counts the outcome and only then completes the task, so
    /// a caller that has its answer finds it in the stats.
    /// </summary>
    public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    /// <summary>Keeps the cancellation registration, or drops it at once when the item already settled.</summary>
    public void Attach(CancellationTokenRegistration registration)
    {
        _registration = registration;
        if (Interlocked.CompareExchange(ref _registrationState, Registered, NoRegistration) == Settled)
        {
            registration.Unregister();
        }
    }

    /// <summary>The item settled: a long-lived caller token must not keep it (or its tensors) alive.</summary>
    public void Settle()
    {
        // The exchange orders the read of the registration after Attach's write.
        if (Interlocked.Exchange(ref _registrationState, Settled) == Registered)
        {
            _registration.Unregister();
        }
    }
}
