namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// A signed request did not verify: it was modified after signing, signed by another key than the one it names, or
/// malformed. Nothing was done.
/// </summary>
[GenerateSerializer, Alias("r1.error.signature-invalid")]
public sealed class SignatureInvalidException : Ratio1Exception
{
    public SignatureInvalidException()
    {
    }

    /// <param name="operation">What was refused.</param>
    /// <param name="caller">The address the request names as its signer (unverified).</param>
    /// <param name="reason">Why it did not verify.</param>
    public SignatureInvalidException(string operation, string? caller, string reason)
        : base($"Signature invalid: {operation} from {caller ?? "an unnamed sender"} refused: {reason}. Nothing was done.")
    {
        Operation = operation;
        Caller = caller;
        Reason = reason;
    }

    [Id(0)] public string Operation { get; private set; } = string.Empty;

    [Id(1)] public string? Caller { get; private set; }

    [Id(2)] public string Reason { get; private set; } = string.Empty;
}
