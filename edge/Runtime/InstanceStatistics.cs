using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// What one instance has done so far: turns of its loop, executions, payloads, when it started, last ran, took a
/// config, sent a payload and last failed (and why). Written by the instance's loop and its payloads, read by
/// heartbeats and status reports on other threads: every read sees whole values.
/// </summary>
internal sealed class InstanceStatistics
{
    private readonly Lock _lock = new();
    private long _iterations;
    private long _executions;
    private long _payloads;
    private DateTimeOffset? _initAt;
    private DateTimeOffset? _lastProcess;
    private DateTimeOffset? _configAt;
    private DateTimeOffset? _lastPayloadAt;
    private DateTimeOffset? _lastErrorAt;
    private string? _lastError;

    public long Iterations => Interlocked.Read(ref _iterations);

    public long Executions => Interlocked.Read(ref _executions);

    public long Payloads => Interlocked.Read(ref _payloads);

    /// <summary>The last failure (<c>Type: message</c>) and when it happened; null when the instance never failed.</summary>
    public (string? Error, DateTimeOffset? At) LastError
    {
        get
        {
            lock (_lock)
            {
                return (_lastError, _lastErrorAt);
            }
        }
    }

    public void Turned() => Interlocked.Increment(ref _iterations);

    public void Processing(DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastProcess = at;
        }
    }

    public void Executed() => Interlocked.Increment(ref _executions);

    public void Initialised(DateTimeOffset at)
    {
        lock (_lock)
        {
            _initAt = _configAt = at;
        }
    }

    public void Configured(DateTimeOffset at)
    {
        lock (_lock)
        {
            _configAt = at;
        }
    }

    public void PayloadSent(DateTimeOffset at)
    {
        Interlocked.Increment(ref _payloads);
        lock (_lock)
        {
            _lastPayloadAt = at;
        }
    }

    public void Failed(string error, DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastError = error;
            _lastErrorAt = at;
        }
    }

    /// <summary>Ratio1's <c>ACTIVE_PLUGINS[i]</c> of a heartbeat, with the instance's schedule and, while it fails, its error.</summary>
    public ActivePluginInfo Describe(string pipeline, string signature, string instanceId, TimeSpan processDelay, bool outsideWorkingHours, bool failing)
    {
        lock (_lock)
        {
            return new ActivePluginInfo(
                pipeline, signature, instanceId, processDelay.TotalSeconds, processDelay > TimeSpan.Zero ? 1 / processDelay.TotalSeconds : 0,
                _initAt, _lastProcess, _configAt, _lastErrorAt, outsideWorkingHours, Iterations, Executions, _lastPayloadAt, Payloads,
                failing ? _lastError : null);
        }
    }
}
