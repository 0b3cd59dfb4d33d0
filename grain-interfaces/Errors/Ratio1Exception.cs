namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>Base of every error the platform reports to callers: it crosses grain calls with its fields intact.</summary>
// An OrleansException because Orleans wraps any other exception in one where it reports a failure of its own doing
// (a grain state read while a grain activates): this way the caller gets the typed error itself, not a wrapper.
[GenerateSerializer, Alias("r1.error")]
public abstract class Ratio1Exception : global::Orleans.Runtime.OrleansException
{
    protected Ratio1Exception()
    {
    }

    protected Ratio1Exception(string message)
        : base(message)
    {
    }

    protected Ratio1Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
