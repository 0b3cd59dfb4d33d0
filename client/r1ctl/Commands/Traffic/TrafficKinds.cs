namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>Which messages <c>watch</c> shows.</summary>
internal sealed record TrafficKinds(bool Payloads, bool Notifications, bool Heartbeats)
{
    /// <summary>The kinds asked for; none asked for means payloads and notifications (heartbeats are periodic noise unless wanted).</summary>
    public static TrafficKinds Choose(bool payloads, bool notifications, bool heartbeats) =>
        payloads || notifications || heartbeats ? new(payloads, notifications, heartbeats) : new(true, true, false);
}
