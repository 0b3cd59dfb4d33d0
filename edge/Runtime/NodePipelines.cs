using System.Threading.Channels;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// The pipelines running on the node, kept in step with storage: each version pushed by a pipeline grain is applied as
/// it came, without reading the pipeline back; a pipeline is read from its grain (a pull) only when a push is out of
/// order, at start, and when a reconcile finds a running version that differs from the stored one (a lost push). An
/// older push never replaces a newer version the node applied. A version is compared only within the pipeline's life
/// (<see cref="PipelineCommit.CreatedAt"/>): versions restart at 1 when a deleted pipeline is created again, so a push
/// from another life than the one the node knows is settled by a pull. One version is applied at a time.
/// </summary>
internal sealed partial class NodePipelines(IGrainFactory grains, string nodeId, RuntimeServices services, ILogger logger)
{
    private readonly IGrainFactory _grains = grains;
    private readonly RuntimeServices _services = services;
    private readonly InstanceStatusReporter? _statusReporter = services.StatusReporter;
    private readonly ILogger _logger = logger;
    private readonly Dictionary<string, PipelineRunner> _pipelines = new(StringComparer.Ordinal);
    private readonly Lock _pipelinesLock = new();
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Channel<QueuedPush> _pushes = Channel.CreateUnbounded<QueuedPush>(new UnboundedChannelOptions { SingleReader = true });
    // The life and version at which a pipeline stopped (archived or deleted): a push of that life at or below that
    // version is stale. One small entry per stopped name, dropped when the name runs again.
    private readonly Dictionary<string, AppliedVersion> _stoppedAt = new(StringComparer.Ordinal);
    private long _reads;

    private string NodeId => nodeId;

    /// <summary>Names and versions of the pipelines running now.</summary>
    public IReadOnlyDictionary<string, int> Running
    {
        get
        {
            lock (_pipelinesLock)
            {
                return _pipelines.ToDictionary(p => p.Key, p => p.Value.Version);
            }
        }
    }

    /// <summary>The runners of the pipelines running now.</summary>
    public List<PipelineRunner> Runners()
    {
        lock (_pipelinesLock)
        {
            return [.. _pipelines.Values];
        }
    }

    /// <summary>How many times a pipeline was read back from its grain (a pull).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Queues a pushed version, with the trace of the deploy that pushed it; <see cref="ApplyPushesAsync"/> applies it.</summary>
    public void Push(PipelineCommit commit, ActivityContext trace) => _pushes.Writer.TryWrite(new QueuedPush(commit, trace));

    /// <summary>Stops taking pushes and closes every pipeline (the node shuts down).</summary>
    public async Task StopAllAsync()
    {
        _pushes.Writer.TryComplete();
        await _applying.WaitAsync(CancellationToken.None);
        List<PipelineRunner> running;
        lock (_pipelinesLock)
        {
            running = [.. _pipelines.Values];
            _pipelines.Clear();
        }

        await Task.WhenAll(running.Select(p => p.DisposeAsync().AsTask()));
    }

    /// <summary>Applies pushes in arrival order until <paramref name="stopping"/> (one worker: versions are applied one at a time).</summary>
    public async Task ApplyPushesAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var (commit, trace) in _pushes.Reader.ReadAllAsync(stopping))
            {
                // The deploy's trace goes on here; the instances it starts or reconfigures take it to their next execution.
                using var apply = RuntimeSpans.StartApply(NodeId, commit.Pipeline, commit.Version, trace);
                if (!await TryApplyPushAsync(commit, stopping))
                {
                    apply?.AddEvent(new ActivityEvent("ratio1.pull"));
                    await PullAsync(commit.Pipeline, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // Applies a pushed version as it came when it is newer than what the node applied last of the same life; one it
    // already runs is done. A stopped (archived or deleted) pipeline created again starts a new life, applied as it
    // came when created after the life that stopped. Otherwise an older version came after a newer one (pushes travel
    // concurrently), or the push is of another life than the running one (a late delete, or a delete that never came):
    // only storage can tell, so it answers false and the caller pulls.
    private async Task<bool> TryApplyPushAsync(PipelineCommit commit, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            var running = Applied(commit.Pipeline);
            var known = running ?? _stoppedAt.GetValueOrDefault(commit.Pipeline);
            if (known is null)
            {
                // Never seen (or the node started since): a deletion has nothing to stop, but stale pushes of that
                // life must not start it again.
                await ApplyAsync(commit.Pipeline, commit.Snapshot, new AppliedVersion(commit.CreatedAt, commit.Version));
                return true;
            }

            if (commit.CreatedAt != known.CreatedAt)
            {
                if (running is null && !commit.Deleted && commit.CreatedAt > known.CreatedAt)
                {
                    await ApplyAsync(commit.Pipeline, commit.Snapshot, deleted: null);
                    return true;
                }

                return false;
            }

            if (commit.Version < known.Version)
            {
                return false;
            }

            if (commit.Version > known.Version || (commit.Deleted && running is not null))
            {
                await ApplyAsync(commit.Pipeline, commit.Snapshot, new AppliedVersion(commit.CreatedAt, commit.Version));
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Retried at the next reconcile; the pipelines already running are not affected.
            LogReloadFailed(_logger, e, NodeId, commit.Pipeline);
            return true;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>
    /// Pulls every pipeline whose stored version differs from the running one (a lost push, or the start). False when
    /// a pipeline could not be read or applied (storage unreachable, a failing start): the node runs what it ran, and
    /// the caller tries again soon. Throws when the list of stored pipelines cannot be read.
    /// </summary>
    public async Task<bool> ReconcileAsync(CancellationToken cancellationToken)
    {
        var stored = (await _grains.GetNode(NodeId).ListPipelinesAsync(includeArchived: false, cancellationToken)).ToDictionary(p => p.Name, p => p.Version);
        var running = Running;
        var settled = true;
        foreach (var name in stored.Keys.Union(running.Keys).Where(n => stored.GetValueOrDefault(n) != running.GetValueOrDefault(n)))
        {
            settled &= await PullAsync(name, cancellationToken);
        }

        return settled;
    }

    // Reads one pipeline from its grain and brings it to that version: storage is the truth, whatever was pushed.
    // False when it could not (the running version, if any, stays).
    private async Task<bool> PullAsync(string name, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref _reads);
            PipelineSnapshot? snapshot;
            try
            {
                snapshot = await _grains.GetPipeline(NodeId, name).GetAsync(cancellationToken: cancellationToken);
            }
            catch (PipelineNotFoundException)
            {
                snapshot = null;
            }

            if (snapshot is null || new AppliedVersion(snapshot.CreatedAt, snapshot.Version) != Applied(name))
            {
                await ApplyAsync(name, snapshot, deleted: null);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Retried at the next reconcile; the pipelines already running are not affected.
            LogReloadFailed(_logger, e, NodeId, name);
            return false;
        }
        finally
        {
            _applying.Release();
        }
    }

    // Brings one pipeline to a version: started, moved to it, or stopped (archived; null: deleted, at `deleted` when
    // known). A running pipeline of another life is stopped first. Called under _applying.
    private async Task ApplyAsync(string name, PipelineSnapshot? snapshot, AppliedVersion? deleted)
    {
        PipelineRunner? runner;
        lock (_pipelinesLock)
        {
            runner = _pipelines.GetValueOrDefault(name);
        }

        if (snapshot is null || snapshot.Archived)
        {
            var stoppedAt = snapshot is not null ? new AppliedVersion(snapshot.CreatedAt, snapshot.Version)
                : deleted ?? (runner is not null ? new AppliedVersion(runner.CreatedAt, runner.Version) : null);
            if (stoppedAt is not null)
            {
                _stoppedAt[name] = stoppedAt;
            }

            if (runner is not null)
            {
                await StopAsync(name, runner, reportStopped: snapshot is not null);
            }

            return;
        }

        _stoppedAt.Remove(name);
        if (runner is not null && runner.CreatedAt != snapshot.CreatedAt)
        {
            // The pipeline was deleted and created again: the old life's instances are forgotten, not stopped.
            await StopAsync(name, runner, reportStopped: false);
            runner = null;
        }

        if (runner is null)
        {
            runner = new PipelineRunner(_services, snapshot);
            lock (_pipelinesLock)
            {
                _pipelines[name] = runner;
            }

            try
            {
                runner.Start(snapshot);
            }
            catch
            {
                // Not left half started, nor counted as running: the next reconcile starts it again.
                await StopAsync(name, runner, reportStopped: false);
                throw;
            }

            LogPipelineStarted(_logger, NodeId, name, snapshot.Version);
        }
        else if (runner.Version != snapshot.Version)
        {
            await runner.ApplyAsync(snapshot);
            LogPipelineUpdated(_logger, NodeId, name, snapshot.Version);
        }
    }

    private async Task StopAsync(string name, PipelineRunner runner, bool reportStopped)
    {
        lock (_pipelinesLock)
        {
            _pipelines.Remove(name);
        }

        var instances = runner.Instances.ToList();
        await runner.DisposeAsync();
        LogPipelineStopped(_logger, NodeId, name);
        if (reportStopped)
        {
            // Archived: the instances stay in the config, so their grains say they stopped. (Deleted ones are forgotten.)
            foreach (var instance in instances)
            {
                _statusReporter?.Stopped(instance);
            }
        }
    }

    /// <summary>Every instance running now.</summary>
    public List<InstanceRunner> InstanceRunners()
    {
        lock (_pipelinesLock)
        {
            return [.. _pipelines.Values.SelectMany(p => p.Instances)];
        }
    }

    private AppliedVersion? Applied(string name)
    {
        lock (_pipelinesLock)
        {
            return _pipelines.TryGetValue(name, out var runner) ? new AppliedVersion(runner.CreatedAt, runner.Version) : null;
        }
    }

    // A pushed version waiting to be applied, and the trace of the deploy that pushed it.
    private sealed record QueuedPush(PipelineCommit Commit, ActivityContext Trace);

    // A version of one life of a pipeline (versions restart when a deleted pipeline is created again).
    private sealed record AppliedVersion(DateTimeOffset CreatedAt, int Version);

    /// <summary>The runner of a pipeline running now.</summary>
    /// <exception cref="PipelineNotFoundException">It is not running.</exception>
    public PipelineRunner RunnerOf(string pipeline)
    {
        lock (_pipelinesLock)
        {
            return _pipelines.GetValueOrDefault(pipeline) ?? throw new PipelineNotFoundException(NodeId, pipeline, "It is not running on the node (never deployed, archived, or still starting).");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: pipeline {Pipeline} started at version {Version}")]
    private static partial void LogPipelineStarted(ILogger logger, string node, string pipeline, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: pipeline {Pipeline} moved to version {Version}")]
    private static partial void LogPipelineUpdated(ILogger logger, string node, string pipeline, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: pipeline {Pipeline} stopped")]
    private static partial void LogPipelineStopped(ILogger logger, string node, string pipeline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not load pipeline {Pipeline}; retrying at the next reconcile")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string node, string pipeline);
}
