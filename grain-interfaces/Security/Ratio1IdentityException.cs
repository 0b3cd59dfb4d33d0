namespace Ratio1.Orleans.Contracts.Security;

/// <summary>An identity file or variable that cannot be used; the message names it and never contains key material.</summary>
public sealed class Ratio1IdentityException : Exception
{
    public Ratio1IdentityException(string origin, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Origin = origin;
    }

    /// <summary>The file path or environment variable the identity came from.</summary>
    public string Origin { get; }
}
