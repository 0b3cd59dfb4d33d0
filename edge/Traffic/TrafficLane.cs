namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// One of the publisher's queues: producers add without waiting, one pump takes. Bounded by bytes and by count; when
/// either is full the oldest messages make room and are handed to the caller to be counted.
/// </summary>
internal sealed class TrafficLane(long capacityBytes, int capacityMessages)
{
    private readonly Queue<OutgoingMessage> _queue = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private long _bytes;
    private long _lastSequence;
    private bool _completed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="message"/>; what had to go to make room (or the message itself, once completed) is passed
    /// to <paramref name="dropped"/>. Sequence numbers leave the lane increasing: a message numbered before one already
    /// queued (two threads raced between numbering and queueing) is numbered again by <paramref name="renumber"/>, since
    /// a client skips a number at or below one it has seen as a redelivery.
    /// </summary>
    public void Add(OutgoingMessage message, Action<OutgoingMessage> dropped, Func<OutgoingMessage, OutgoingMessage> renumber)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            if (_completed)
            {
                dropped(message);
                return;
            }

            if (message.Sequence <= _lastSequence)
            {
                message = renumber(message);
            }

            _lastSequence = message.Sequence;

            while (_queue.Count > 0 && (_bytes + message.Bytes > capacityBytes || _queue.Count >= capacityMessages))
            {
                var oldest = _queue.Dequeue();
                _bytes -= oldest.Bytes;
                dropped(oldest);
            }

            _queue.Enqueue(message);
            _bytes += message.Bytes;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>Waits until there is something to take (true) or the lane is completed and empty (false).</summary>
    public async Task<bool> WaitAsync()
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_queue.Count > 0)
                {
                    return true;
                }

                if (_completed)
                {
                    return false;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait;
        }
    }

    /// <summary>Moves up to <paramref name="max"/> messages, oldest first, into <paramref name="into"/>.</summary>
    public void Take(List<OutgoingMessage> into, int max)
    {
        lock (_lock)
        {
            while (into.Count < max && _queue.TryDequeue(out var message))
            {
                _bytes -= message.Bytes;
                into.Add(message);
            }
        }
    }

    /// <summary>
    /// Puts messages the pump took but could not send back in front of the queue, in their order, so they go first
    /// when the provider takes messages again. What no longer fits goes, oldest first, to <paramref name="dropped"/>:
    /// the lane's bound holds whether messages wait in it or in the pump's hands.
    /// </summary>
    public void Return(List<OutgoingMessage> messages, Action<OutgoingMessage> dropped)
    {
        if (messages.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var waiting = _queue.ToArray();
            _queue.Clear();
            foreach (var message in messages)
            {
                _queue.Enqueue(message);
                _bytes += message.Bytes;
            }

            foreach (var message in waiting)
            {
                _queue.Enqueue(message);
            }

            while (_queue.Count > 1 && (_bytes > capacityBytes || _queue.Count > capacityMessages))
            {
                var oldest = _queue.Dequeue();
                _bytes -= oldest.Bytes;
                dropped(oldest);
            }
        }
    }

    /// <summary>Takes no more messages; the pump drains what is queued.</summary>
    public void Complete()
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _completed = true;
            wake = _waiter;
            _waiter = null;
        }

        wake?.TrySetResult();
    }
}
