namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// ffmpeg could not decode a capture source's media (missing program, unreadable input, broken stream); the message
/// names the URL and ends with what ffmpeg said.
/// </summary>
internal sealed class MediaDecodeException : IOException
{
    public MediaDecodeException(string url, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url;
    }

    /// <summary>The source's URL (file, folder entry or stream) as configured.</summary>
    public string Url { get; }
}
