namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Where this silo's runtime stands with its node's grain, as the runtime last saw it (no call is made to read it): whether
/// it registered the node, and whether its latest report of presence (each heartbeat) reached the grain. Read by the
/// readiness check; updated by <see cref="NodeRuntime"/>.
/// </summary>
public sealed class NodePresence
{
    // Updates come from several loops (heartbeats, reconciles, silo deaths); each builds on the latest state.
    private readonly Lock _updates = new();
    private State _state = new(null, null, null, false);

    /// <summary>The latest state; safe to read from any thread.</summary>
    public State Current => Volatile.Read(ref _state);

    internal void Registered(DateTimeOffset at) => Update(s => new State(at, at, null, s.ReconcileFailing));

    internal void Reported(DateTimeOffset at) => Update(s => s with { LastReport = at, ReportFailedAt = null });

    internal void ReportFailed(DateTimeOffset at) => Update(s => s with { ReportFailedAt = s.ReportFailedAt ?? at });

    internal void Reconciled(bool settled) => Update(s => s with { ReconcileFailing = !settled });

    internal void Stopped() => Update(_ => new State(null, null, null, false));

    private void Update(Func<State, State> change)
    {
        lock (_updates)
        {
            Volatile.Write(ref _state, change(_state));
        }
    }

    /// <param name="RegisteredAt">When the runtime registered the node with its grain; null before that and after stopping.</param>
    /// <param name="LastReport">When the grain last took the node's presence (the registration counts as one).</param>
    /// <param name="ReportFailedAt">Since when reports fail (the grain cannot be reached); null while they succeed.</param>
    /// <param name="ReconcileFailing">Whether the latest compare of running pipelines with stored ones could not finish.</param>
    public sealed record State(DateTimeOffset? RegisteredAt, DateTimeOffset? LastReport, DateTimeOffset? ReportFailedAt, bool ReconcileFailing)
    {
        /// <summary>Registered, and the grain takes its reports: the node's grain knows this silo as the node's runtime.</summary>
        public bool IsRegistered => RegisteredAt is not null && ReportFailedAt is null;
    }
}
