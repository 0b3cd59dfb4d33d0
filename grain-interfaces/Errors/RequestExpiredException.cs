namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// A signed request is not fresh: it was signed outside the replay window of the receiving silo (too old, or dated in
/// the future beyond the allowed clock skew), or its nonce was already used (a replay). Nothing was done; a genuine
/// caller signs again and retries.
/// </summary>
[GenerateSerializer, Alias("r1.error.request-expired")]
public sealed class RequestExpiredException : Ratio1Exception
{
    public RequestExpiredException()
    {
    }

    /// <param name="operation">What was refused.</param>
    /// <param name="caller">The verified signer.</param>
    /// <param name="reason">Why: its age against the window, or "nonce already used".</param>
    public RequestExpiredException(string operation, string caller, string reason)
        : base($"Request expired: {operation} from {caller} refused: {reason}. Nothing was done.")
    {
        Operation = operation;
        Caller = caller;
        Reason = reason;
    }

    [Id(0)] public string Operation { get; private set; } = string.Empty;

    [Id(1)] public string Caller { get; private set; } = string.Empty;

    [Id(2)] public string Reason { get; private set; } = string.Empty;
}
