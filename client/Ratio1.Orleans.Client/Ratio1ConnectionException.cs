namespace Ratio1.Orleans.Client;

/// <summary>The client could not reach the cluster.</summary>
public sealed class Ratio1ConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Ratio1ConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
