using System.Collections.Immutable;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Client.Traffic;

/// <summary>
/// Waits for the node to confirm a stored change (Ratio1's deploy transaction): every new or changed instance must
/// report <c>PLUGIN_CONFIG_OK</c> (or <c>PLUGIN_CONFIG_IN_PAUSE_OK</c>) for the new version. A <c>PLUGIN_CONFIG_FAILED</c>
/// or a failed first execution (<c>PLUGIN_DELAYED</c>) of an expected instance, or a <c>PIPELINE_FAILED</c> of the
/// pipeline for this version, fails the wait at once with the node's report.
/// </summary>
internal static class DeployConfirmation
{
    public static async Task WaitAsync(Ratio1Session session, DeployOutcome outcome, NotificationWaiter confirmations, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var expected = outcome.Instances.Where(i => i.Change is InstanceChange.Created or InstanceChange.Updated).ToList();
        if (outcome.Action == PipelineAction.Archive)
        {
            return;
        }

        // Liveness only (answered from the node grain's memory): the full node info would list its pipelines in storage.
        var status = await session.Client.GetNode(outcome.Node).GetStatusAsync(cancellationToken);
        if (status is not NodeStatus.Online)
        {
            throw new DeployNotConfirmedException(outcome,
                $"node '{outcome.Node}' is {(status?.ToString().ToLowerInvariant() ?? "unknown")}; it applies the change when it runs", [], [.. expected]);
        }

        bool ForThisVersion(Notification n) => n.PipelineVersion is null || n.PipelineVersion >= outcome.Version;
        bool Confirmed(IReadOnlyCollection<Notification> received, InstanceOutcome i) => received.Any(n =>
            n.Code is NotificationCode.PluginConfigOk or NotificationCode.PluginConfigInPauseOk && ForThisVersion(n) &&
            n.Envelope.Signature == i.Signature && n.Envelope.InstanceId == i.InstanceId);
        IEnumerable<Notification> Failures(IReadOnlyCollection<Notification> received) => received.Where(n => ForThisVersion(n) && n.CommandId is null &&
            (n.Code == NotificationCode.PipelineFailed ||
             (n.Code is NotificationCode.PluginConfigFailed or NotificationCode.PluginDelayed &&
              expected.Any(i => i.Signature == n.Envelope.Signature && i.InstanceId == n.Envelope.InstanceId && !Confirmed(received, i)))));

        try
        {
            await confirmations.WaitAsync(received => Failures(received).Any() || expected.All(i => Confirmed(received, i)), timeout, cancellationToken);
        }
        catch (ConnectionLostException)
        {
            // The change itself is stored (the outcome says so); only its confirmation is lost.
            throw new DeployNotConfirmedException(outcome, "the connection to the cluster was lost before the node confirmed it", [],
                [.. expected.Where(i => !Confirmed(confirmations.Received, i))]);
        }

        var received = confirmations.Received;
        var failures = Failures(received).ToImmutableArray();
        var pending = expected.Where(i => !Confirmed(received, i)).ToImmutableArray();
        if (!failures.IsEmpty)
        {
            throw new DeployNotConfirmedException(outcome, "the node reported a failure", failures, pending);
        }

        if (!pending.IsEmpty)
        {
            throw new DeployNotConfirmedException(outcome,
                $"no confirmation within {timeout.TotalSeconds:0.#} s from {string.Join(", ", pending.Select(i => $"{i.Signature}/{i.InstanceId}"))}", [], pending);
        }
    }
}
