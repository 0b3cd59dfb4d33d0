using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Inputs waiting for one instance, at most <c>MAX_INPUTS_QUEUE_SIZE</c> of them: when full, the oldest is dropped
/// (1 keeps only the latest, as a live feed wants).
/// </summary>
internal sealed class InstanceInputs
{
    private readonly Queue<CaptureItem> _items = new();
    private readonly Lock _lock = new();
    private int _capacity = 1;
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public void Resize(int capacity)
    {
        lock (_lock)
        {
            _capacity = capacity;
            Trim();
        }
    }

    public void Add(CaptureItem item)
    {
        lock (_lock)
        {
            _items.Enqueue(item);
            Trim();
        }
    }

    public IReadOnlyList<CaptureItem> TakeAll()
    {
        lock (_lock)
        {
            if (_items.Count == 0)
            {
                return [];
            }

            var all = _items.ToArray();
            _items.Clear();
            return all;
        }
    }

    private void Trim()
    {
        while (_items.Count > _capacity)
        {
            _items.Dequeue();
            _dropped++;
        }
    }
}
