namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// Hands a batch's results to its callers from one thread-pool work item. Completing many tasks from a batcher thread
/// would push each continuation onto the pool's global queue (and wake a pool thread for many of them) while the
/// device waits; from a pool thread they go to its local queue, and the batcher thread is free for the next batch.
/// </summary>
internal sealed class BatchDelivery(PendingInference[] items, BatchResult[] results) : IThreadPoolWorkItem
{
    public void Execute()
    {
        for (var i = 0; i < items.Length; i++)
        {
            items[i].TrySetResult(results[i]);
            items[i].Settle();
        }
    }
}
