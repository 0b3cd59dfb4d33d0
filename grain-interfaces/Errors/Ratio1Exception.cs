namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>Base of every error the platform reports to callers: it crosses grain calls with its fields intact.</summary>
[GenerateSerializer, Alias("r1.error")]
public abstract class Ratio1Exception : Exception
{
    protected Ratio1Exception()
    {
    }

    protected Ratio1Exception(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
