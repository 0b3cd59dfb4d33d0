using System.Text.RegularExpressions;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>Tells local paths from stream URLs and names local files to ffmpeg unambiguously.</summary>
internal static partial class MediaLocation
{
    /// <summary>True when <paramref name="url"/> has no scheme (<c>rtsp://</c>, <c>http:</c>, <c>file:</c>, ...): a path on this machine.</summary>
    public static bool IsLocalPath(string url) => !Scheme().IsMatch(url);

    /// <summary>
    /// The ffmpeg input naming a local file. The <c>file:</c> prefix keeps ffmpeg from reading a colon in the name as a
    /// protocol, or <c>-</c> as stdin.
    /// </summary>
    public static string FfmpegInput(string path) => "file:" + Path.GetFullPath(path);

    // Two or more characters before the colon: a single letter is a Windows drive, not a scheme.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex Scheme();
}
