using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Keeps one handler on the payloads of every live pipeline a selection picks, on any node of the fleet. The pipelines
/// are listed (fleet, then each selected node's live pipelines) every period, and at once when a selected pipeline
/// announces itself (<c>PIPELINE_OK</c>), so a new pipeline is joined before its first payloads rather than a period
/// later; streams of archived or deleted pipelines are left at the next listing.
/// </summary>
public sealed class PayloadWatch : IAsyncDisposable
{
    private readonly FleetWatch<Notification> _announcements;
    private readonly FleetWatch<Payload> _payloads;

    private PayloadWatch(FleetWatch<Notification> announcements, FleetWatch<Payload> payloads)
    {
        _announcements = announcements;
        _payloads = payloads;
    }

    /// <summary>Lists and joins the selected pipelines once (failures propagate), then keeps the set current.</summary>
    /// <param name="includeNode">Whether a node's pipelines can be selected at all (nodes left out are not even listed).</param>
    /// <param name="includePipeline">Whether the pipeline (node, name) is selected.</param>
    /// <param name="onRefreshError">Told about a background listing that failed (the next one tries again).</param>
    public static async Task<PayloadWatch> StartAsync(
        TrafficSubscriptions subscriptions, IGrainFactory grains, Func<string, bool> includeNode, Func<string, string, bool> includePipeline,
        Func<Payload, Task> handler, TimeSpan period, Action<Exception> onRefreshError, CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<string>> NodesAsync(CancellationToken ct) => [.. (await grains.GetFleet().GetNodeIdsAsync(ct)).Where(includeNode)];

        async Task<IReadOnlyCollection<StreamId>> PipelineStreamsAsync(CancellationToken ct)
        {
            var nodes = await NodesAsync(ct);
            var listed = await Task.WhenAll(nodes.Select(async node =>
                (await grains.GetNode(node).ListPipelinesAsync(includeArchived: false, ct))
                    .Where(p => includePipeline(node, p.Name))
                    .Select(p => TrafficStreams.Payloads(node, p.Name))));
            return [.. listed.SelectMany(streams => streams)];
        }

        var payloads = await FleetWatch<Payload>.StartAsync(subscriptions, PipelineStreamsAsync, handler, period, onRefreshError, cancellationToken);
        try
        {
            var announcements = await FleetWatch<Notification>.StartAsync(subscriptions,
                async ct => [.. (await NodesAsync(ct)).Select(TrafficStreams.Notifications)],
                n =>
                {
                    if (n.Code == NotificationCode.PipelineOk && n.CommandId is null && n.Envelope.Pipeline is { } pipeline && includePipeline(n.Envelope.NodeId, pipeline))
                    {
                        payloads.Nudge();
                    }

                    return Task.CompletedTask;
                },
                period, onRefreshError, cancellationToken);
            return new PayloadWatch(announcements, payloads);
        }
        catch
        {
            await payloads.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _announcements.DisposeAsync();
        await _payloads.DisposeAsync();
    }
}
