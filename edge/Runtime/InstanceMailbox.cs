using System.Diagnostics;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// What reaches one instance's loop from other threads besides its inputs: the latest config change (a newer one
/// replaces one not taken yet), commands in arrival order, and the wake-up that ends the loop's sleep early.
/// </summary>
internal sealed class InstanceMailbox
{
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _lock = new();
    private readonly Queue<InstanceCommand> _commands = new();
    private ConfigChange? _pendingConfig;

    /// <summary>A config version for the instance, the pipeline version that brought it, and the trace of its deploy.</summary>
    public sealed record ConfigChange(InstanceConfig Config, int Version, PipelineOrigin Origin, ActivityContext Trace);

    public void Reconfigure(ConfigChange change)
    {
        lock (_lock)
        {
            _pendingConfig = change;
        }

        Wake();
    }

    public void Deliver(InstanceCommand command)
    {
        lock (_lock)
        {
            _commands.Enqueue(command);
        }

        Wake();
    }

    public bool TryTakeConfig([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConfigChange? change)
    {
        lock (_lock)
        {
            change = _pendingConfig;
            _pendingConfig = null;
            return change is not null;
        }
    }

    public bool TryTakeCommand(out InstanceCommand command)
    {
        lock (_lock)
        {
            return _commands.TryDequeue(out command!);
        }
    }

    /// <summary>Ends the loop's current sleep (at most one wake-up is kept).</summary>
    public void Wake()
    {
        // Checked and released under the lock: two wakers cannot both see zero and keep two wake-ups.
        lock (_lock)
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    /// <summary>
    /// Sleeps up to <paramref name="duration"/>; a wake-up ends it early unless <paramref name="wakeOnSignal"/> is false
    /// (a back-off after a failure runs its course).
    /// </summary>
    public async Task SleepAsync(TimeSpan duration, TimeProvider time, CancellationToken stopping, bool wakeOnSignal = true)
    {
        if (duration == TimeSpan.Zero)
        {
            return;
        }

        if (wakeOnSignal)
        {
            await _wake.WaitAsync(duration, stopping);
        }
        else
        {
            await Task.Delay(duration, time, stopping);
        }
    }
}
