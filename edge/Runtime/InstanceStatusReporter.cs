using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Tells each plugin-instance grain of the node what its instance is doing: at once when its state or config version
/// changes, and every <c>Node:InstanceStatusSeconds</c> when only its counters or last error moved (never per
/// execution). One loop sends every report, so an instance's reports arrive in order. A report that fails is sent
/// again at the next period; a stopped instance reports nothing more (its pipeline forgets a removed one).
/// </summary>
internal sealed partial class InstanceStatusReporter(IGrainFactory grains, string nodeId, TimeProvider time, ILogger logger)
{
    private readonly Channel<(InstanceRunner Runner, bool Final)> _changed =
        Channel.CreateUnbounded<(InstanceRunner, bool)>(new UnboundedChannelOptions { SingleReader = true });

    // Instances waiting for their report: changes that come while one waits are sent with it (an instance that flips
    // between running and failing costs one report at a time, not one per flip).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<InstanceRunner, bool> _queued = new();

    /// <summary>The instance's state or config version changed.</summary>
    public void Changed(InstanceRunner runner)
    {
        if (_queued.TryAdd(runner, true))
        {
            _changed.Writer.TryWrite((runner, false));
        }
    }

    /// <summary>The instance stopped with its archived pipeline: its grain keeps <see cref="PluginInstanceState.Stopped"/>.</summary>
    public void Stopped(InstanceRunner runner) => _changed.Writer.TryWrite((runner, true));

    /// <summary>Sends reports until <paramref name="stopping"/>; <paramref name="running"/> lists the instances for the periodic report.</summary>
    public async Task RunAsync(Func<IReadOnlyList<InstanceRunner>> running, TimeSpan period, CancellationToken stopping)
    {
        var nextPeriod = time.GetUtcNow() + period;
        try
        {
            while (true)
            {
                var wait = nextPeriod - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    timeout.CancelAfter(wait);
                    try
                    {
                        await _changed.Reader.WaitToReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                    {
                        // The period is over.
                    }
                }

                stopping.ThrowIfCancellationRequested();
                while (_changed.Reader.TryRead(out var change))
                {
                    var (runner, final) = change;
                    _queued.TryRemove(runner, out _);
                    var status = runner.Status(time.GetUtcNow());
                    if (final)
                    {
                        await ReportAsync(runner, status with { State = PluginInstanceState.Stopped }, stopping);
                    }
                    else if (!runner.Closed && (runner.LastReported is not { } last || last.State != status.State || last.ConfigVersion != status.ConfigVersion))
                    {
                        await ReportAsync(runner, status, stopping);
                    }
                }

                if (time.GetUtcNow() >= nextPeriod)
                {
                    foreach (var runner in running())
                    {
                        var status = runner.Status(time.GetUtcNow());
                        if (!runner.Closed && (runner.LastReported is not { } last || last with { ReportedAt = status.ReportedAt } != status))
                        {
                            await ReportAsync(runner, status, stopping);
                        }
                    }

                    nextPeriod = time.GetUtcNow() + period;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task ReportAsync(InstanceRunner runner, PluginInstanceStatus status, CancellationToken stopping)
    {
        try
        {
            await grains.GetPluginInstance(nodeId, runner.Pipeline, runner.Signature, runner.InstanceId).ReportStatusAsync(status, stopping);
            runner.LastReported = status;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The instance runs on; its grain catches up at the next period.
            LogReportFailed(logger, e, nodeId, runner.Pipeline, runner.Signature, runner.InstanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not report the status of {Pipeline}/{Signature}/{InstanceId}; retrying at the next period")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string node, string pipeline, string signature, string instanceId);
}
