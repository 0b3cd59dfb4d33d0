using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Client;

/// <summary>
/// The change was stored (as <see cref="Outcome"/> says) but the node did not confirm it: it reported a failure
/// (<see cref="Failures"/>), it is not running, or it did not answer in time (<see cref="Pending"/>).
/// </summary>
public sealed class DeployNotConfirmedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeployNotConfirmedException(DeployOutcome outcome, string reason, ImmutableArray<Notification> failures, ImmutableArray<InstanceOutcome> pending)
        : base($"Version {outcome.Version} of pipeline '{outcome.Pipeline}' is stored on node '{outcome.Node}' but not confirmed: {reason}" +
               string.Concat(failures.Select(f => $"{Environment.NewLine}  {f.Tag}: {f.Message}")))
    {
        Outcome = outcome;
        Failures = failures;
        Pending = pending;
    }

    /// <summary>What was stored.</summary>
    public DeployOutcome Outcome { get; }

    /// <summary>The node's error reports for this version (config rejected by a plugin, capture failed, ...).</summary>
    public ImmutableArray<Notification> Failures { get; }

    /// <summary>Instances not confirmed yet.</summary>
    public ImmutableArray<InstanceOutcome> Pending { get; }
}
