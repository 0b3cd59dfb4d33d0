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

    /// <summary>
    /// What ffmpeg reads for a video source's <c>URL</c> (a local file with the <c>file:</c> prefix, any other URL as
    /// given) and whether it is a local file; a local file that does not exist is refused naming the source.
    /// </summary>
    public static (string Input, bool Local) ResolveVideo(string source, string url)
    {
        if (!IsLocalPath(url))
        {
            return (url, false);
        }

        return File.Exists(url) ? (FfmpegInput(url), true) : throw new FileNotFoundException($"{source} URL '{url}' does not exist", url);
    }

    // Two or more characters before the colon: a single letter is a Windows drive, not a scheme.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex Scheme();
}
