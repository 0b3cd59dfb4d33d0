namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// What the dashboard saw of one plugin instance on the live feed (<c>InstanceActivity</c> in docs/dashboard.md): its
/// payload rate over the last ten seconds, its last payload and its last error.
/// </summary>
/// <param name="PayloadsPerSecond">Payloads per second received over the last ~10 s (0 when it went quiet).</param>
/// <param name="LastPayloadAt">When its last payload was sent (node time), null before the first.</param>
/// <param name="LastError">Its last failure notification, null when none was seen.</param>
public sealed record InstanceActivity(
    string Pipeline,
    string Signature,
    string InstanceId,
    double PayloadsPerSecond,
    DateTimeOffset? LastPayloadAt,
    InstanceError? LastError);
