using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Silo.Nodes;

/// <summary>
/// Registers this silo's node with its grain once the silo is up, reports that it is alive every
/// <see cref="NodeOptions.SecondsHeartbeat"/> seconds, and marks it offline on a clean shutdown.
/// </summary>
internal sealed partial class NodeRegistrationService(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<NodeRegistrationService> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _presence = Task.CompletedTask;
    private string _nodeId = string.Empty;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var node = options.Value;
        _nodeId = node.ResolveId();
        var registration = new NodeRegistration(
            _nodeId,
            node.Alias ?? _nodeId,
            node.Tags.ToImmutableDictionary(StringComparer.Ordinal),
            [],
            Version,
            Environment.MachineName,
            silo.SiloAddress.ToString(),
            time.GetUtcNow());

        var info = await grains.GetNode(_nodeId).RegisterAsync(registration, cancellationToken);
        LogNodeServed(logger, _nodeId, info.Alias, silo.SiloAddress.ToString());
        _presence = ReportPresenceAsync(TimeSpan.FromSeconds(Math.Max(1, node.SecondsHeartbeat)), _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _presence;
        try
        {
            await grains.GetNode(_nodeId).UnregisterAsync(silo.SiloAddress.ToString(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnregisterFailed(logger, e, _nodeId);
        }
    }

    /// <summary>Version reported by the node.</summary>
    public static string Version { get; } =
        typeof(NodeRegistrationService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private async Task ReportPresenceAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await grains.GetNode(_nodeId).ReportPresenceAsync(silo.SiloAddress.ToString(), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPresenceFailed(logger, e, _nodeId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving node {Node} ({Alias}) on silo {Silo}")]
    private static partial void LogNodeServed(ILogger logger, string node, string alias, string silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report node {Node} alive; retrying at the next period")]
    private static partial void LogPresenceFailed(ILogger logger, Exception exception, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark node {Node} offline at shutdown; it will show as lost after 60 s")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string node);
}
