using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Providers;

/// <summary>
/// How many batches may run at once on each device, shared by every model of a node: a GPU runs
/// <see cref="DefaultGpuLimit"/> at a time by default, the CPU as many as it has cores. Keys are
/// <c>cpu</c> and <c>cuda:N</c>; the limits given to the constructor override any of them.
/// </summary>
public sealed class DeviceSlots
{
    public const string Cpu = "cpu";

    /// <summary>
    /// Batches in flight per GPU by default. More than one: much of a run is host work (copies, kernel launches), which
    /// overlaps with another run's GPU work — on an H100, 16 concurrent runs of a small model served 3x one at a time.
    /// </summary>
    public const int DefaultGpuLimit = 4;

    private readonly ImmutableDictionary<string, int> _limits;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    public DeviceSlots(IReadOnlyDictionary<string, int>? limits = null)
    {
        var errors = new List<ConfigError>();
        foreach (var (device, limit) in limits ?? ImmutableDictionary<string, int>.Empty)
        {
            if (device != Cpu && !device.StartsWith("cuda:", StringComparison.Ordinal))
            {
                errors.Add(new ConfigError($"DeviceSlots[{device}]", limit.ToString(CultureInfo.InvariantCulture), "device keys are 'cpu' or 'cuda:N'"));
            }
            else if (limit < 1)
            {
                errors.Add(new ConfigError($"DeviceSlots[{device}]", limit.ToString(CultureInfo.InvariantCulture), "must be at least 1"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }

        _limits = (limits ?? ImmutableDictionary<string, int>.Empty).ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The key of a device: <c>cpu</c>, or <c>cuda:N</c> for CUDA and TensorRT (they share the GPU).</summary>
    public static string KeyOf(ExecutionProvider provider, int deviceId) =>
        provider is ExecutionProvider.Cuda or ExecutionProvider.TensorRt ? string.Create(CultureInfo.InvariantCulture, $"cuda:{deviceId}") : Cpu;

    /// <summary>Batches that may run at once on <paramref name="device"/>.</summary>
    public int LimitOf(string device) =>
        _limits.TryGetValue(device, out var limit) ? limit : device == Cpu ? Environment.ProcessorCount : DefaultGpuLimit;

    /// <summary>Batches running on <paramref name="device"/> right now.</summary>
    public int InUse(string device) => _slots.TryGetValue(device, out var slots) ? LimitOf(device) - slots.CurrentCount : 0;

    /// <summary>
    /// Blocks until a batch may run on <paramref name="device"/>; dispose the lease when it has run. Blocking is meant:
    /// callers are the batchers' own threads, never the thread pool.
    /// </summary>
    internal Lease Acquire(string device, CancellationToken cancellationToken = default)
    {
        var slots = Slots(device);
        slots.Wait(cancellationToken);
        return new Lease(slots);
    }

    /// <summary>Takes a slot if one is free now.</summary>
    internal bool TryAcquire(string device, out Lease lease)
    {
        var slots = Slots(device);
        lease = slots.Wait(0) ? new Lease(slots) : default;
        return lease.IsHeld;
    }

    private SemaphoreSlim Slots(string device) =>
        _slots.GetOrAdd(device, static (key, self) => new SemaphoreSlim(self.LimitOf(key), self.LimitOf(key)), this);

    /// <summary>One slot of a device, held until disposed.</summary>
    internal readonly struct Lease(SemaphoreSlim slots) : IDisposable
    {
        public bool IsHeld => slots is not null;

        public void Dispose() => slots?.Release();
    }
}
