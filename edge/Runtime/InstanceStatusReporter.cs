using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Tells each plugin-instance grain of the node what its instance is doing: soon after its state, config version or
/// last error changes (at once for the first report and a new config version; otherwise at most once per
/// <see cref="MinGap"/>, later changes going with the next report), and every <c>Node:InstanceStatusSeconds</c> when
/// only its counters moved (never per execution). One loop sends every report, so an instance's reports arrive in
/// order. A report that fails is sent again at the next period: a running instance's current status, or a final
/// one (stopped with its archived pipeline, failed because it cannot run) kept for it. A stopped instance reports
/// nothing more (its pipeline forgets a removed one).
/// </summary>
internal sealed partial class InstanceStatusReporter(IGrainFactory grains, string nodeId, TimeProvider time, ILogger logger)
{
    /// <summary>The least time between two reports of an instance's changes (a flapping instance costs one per gap).</summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromSeconds(2);

    // Final reports that could not be sent, retried each period; capped (oldest dropped) so an unreachable cluster
    // cannot grow it without bound.
    private const int MaxUnsent = 256;

    private readonly Channel<Change> _changed = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });

    // Instances waiting for their report: changes that come while one waits are sent with it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<InstanceRunner, bool> _queued = new();

    // Only the loop uses these: instances whose change waits for their gap to pass, and final reports not sent yet.
    private readonly Dictionary<InstanceRunner, DateTimeOffset> _held = [];
    private readonly List<FinalReport> _unsent = [];
    private long _sent;

    /// <summary>How many reports reached a grain.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>The instance's state, config version or last error changed.</summary>
    public void Changed(InstanceRunner runner)
    {
        if (_queued.TryAdd(runner, true))
        {
            _changed.Writer.TryWrite(new Change(runner, null));
        }
    }

    /// <summary>The instance stopped with its archived pipeline: its grain keeps <see cref="PluginInstanceState.Stopped"/>.</summary>
    public void Stopped(InstanceRunner runner) =>
        _changed.Writer.TryWrite(new Change(runner, new FinalReport(runner.Pipeline, runner.Signature, runner.InstanceId,
            runner.Status(time.GetUtcNow()) with { State = PluginInstanceState.Stopped })));

    /// <summary>An instance of the pipeline cannot run on this node (<paramref name="reason"/>): its grain keeps <see cref="PluginInstanceState.Failed"/>.</summary>
    public void Failed(string pipeline, string signature, string instanceId, int configVersion, string reason)
    {
        var now = time.GetUtcNow();
        _changed.Writer.TryWrite(new Change(null, new FinalReport(pipeline, signature, instanceId,
            new PluginInstanceStatus(PluginInstanceState.Failed, now, configVersion, LastError: reason, LastErrorAt: now))));
    }

    /// <summary>Sends reports until <paramref name="stopping"/>; <paramref name="running"/> lists the instances for the periodic report.</summary>
    public async Task RunAsync(Func<IReadOnlyList<InstanceRunner>> running, TimeSpan period, CancellationToken stopping)
    {
        var nextPeriod = time.GetUtcNow() + period;
        try
        {
            while (true)
            {
                var due = _held.Count == 0 ? nextPeriod : Min(nextPeriod, _held.Values.Min());
                await WaitForChangeAsync(due - time.GetUtcNow(), stopping);
                stopping.ThrowIfCancellationRequested();
                while (_changed.Reader.TryRead(out var change))
                {
                    if (change.Runner is { } runner)
                    {
                        _queued.TryRemove(runner, out _);
                    }

                    if (change.Final is { } final)
                    {
                        if (change.Runner is not null)
                        {
                            _held.Remove(change.Runner);
                        }

                        await SendFinalAsync(final, change.Runner, stopping);
                    }
                    else if (change.Runner is { } changed)
                    {
                        await ReportChangeAsync(changed, stopping);
                    }
                }

                var now = time.GetUtcNow();
                foreach (var runner in _held.Where(h => h.Value <= now).Select(h => h.Key).ToList())
                {
                    _held.Remove(runner);
                    await ReportChangeAsync(runner, stopping);
                }

                if (time.GetUtcNow() >= nextPeriod)
                {
                    await ReportPeriodAsync(running(), stopping);
                    nextPeriod = time.GetUtcNow() + period;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // Waits on the injected clock (tests control it) until a change comes or the wait is over.
    private async Task WaitForChangeAsync(TimeSpan wait, CancellationToken stopping)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            await _changed.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The wait is over.
        }
    }

    private async Task ReportChangeAsync(InstanceRunner runner, CancellationToken stopping)
    {
        if (runner.Closed)
        {
            return;
        }

        var status = runner.Status(time.GetUtcNow());
        if (runner.LastReported is not { } last)
        {
            await ReportAsync(runner, status, stopping);
            return;
        }

        if (last.State == status.State && last.ConfigVersion == status.ConfigVersion && last.LastError == status.LastError)
        {
            return;
        }

        // A new config version is what a deploy waits to see; other changes wait for the gap (one report for many flips).
        var gapEnds = last.ReportedAt + MinGap;
        if (last.ConfigVersion == status.ConfigVersion && status.ReportedAt < gapEnds)
        {
            _held.TryAdd(runner, gapEnds);
            return;
        }

        await ReportAsync(runner, status, stopping);
    }

    private async Task ReportPeriodAsync(IReadOnlyList<InstanceRunner> running, CancellationToken stopping)
    {
        // A final report is stale once its instance runs again (its pipeline revived): the runner reports for it.
        var live = running.Select(r => (r.Pipeline, r.Signature, r.InstanceId)).ToHashSet();
        var unsent = _unsent.Where(f => !live.Contains((f.Pipeline, f.Signature, f.InstanceId))).ToList();
        _unsent.Clear();
        foreach (var final in unsent)
        {
            await SendFinalAsync(final, runner: null, stopping);
        }

        foreach (var runner in running)
        {
            var status = runner.Status(time.GetUtcNow());
            if (!runner.Closed && (runner.LastReported is not { } last || last with { ReportedAt = status.ReportedAt } != status))
            {
                _held.Remove(runner);
                await ReportAsync(runner, status, stopping);
            }
        }
    }

    private async Task SendFinalAsync(FinalReport final, InstanceRunner? runner, CancellationToken stopping)
    {
        if (await SendAsync(final.Pipeline, final.Signature, final.InstanceId, final.Status, stopping))
        {
            if (runner is not null)
            {
                runner.LastReported = final.Status;
            }

            return;
        }

        if (_unsent.Count == MaxUnsent)
        {
            _unsent.RemoveAt(0);
        }

        _unsent.Add(final);
    }

    private async Task ReportAsync(InstanceRunner runner, PluginInstanceStatus status, CancellationToken stopping)
    {
        // On failure the instance runs on; its grain catches up at the next period.
        if (await SendAsync(runner.Pipeline, runner.Signature, runner.InstanceId, status, stopping))
        {
            runner.LastReported = status;
        }
    }

    private async Task<bool> SendAsync(string pipeline, string signature, string instanceId, PluginInstanceStatus status, CancellationToken stopping)
    {
        try
        {
            await grains.GetPluginInstance(nodeId, pipeline, signature, instanceId).ReportStatusAsync(status, stopping);
            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            LogReportFailed(logger, e, nodeId, pipeline, signature, instanceId);
            return false;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // A change to report: a running instance's (Final null: its status now), or a status that is its last.
    private sealed record Change(InstanceRunner? Runner, FinalReport? Final);

    private sealed record FinalReport(string Pipeline, string Signature, string InstanceId, PluginInstanceStatus Status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not report the status of {Pipeline}/{Signature}/{InstanceId}; retrying at the next period")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string node, string pipeline, string signature, string instanceId);
}
