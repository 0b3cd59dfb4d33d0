using System.Globalization;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// What ffmpeg is asked to make of an input: which frames (its <c>fps</c> filter), at what size (its <c>scale</c>
/// filter), how fast it reads, how many frames at most. The output is always packed RGB24 on stdout.
/// </summary>
internal sealed record FrameDecoding
{
    /// <summary>Frames per second of the input's timeline to deliver (ffmpeg's <c>fps</c> filter); null: every frame.</summary>
    public double? FramesPerSecond { get; init; }

    /// <summary>Width to scale to; with <see cref="Height"/> unset, the height keeps the aspect ratio.</summary>
    public int? Width { get; init; }

    /// <summary>Height to scale to; with <see cref="Width"/> unset, the width keeps the aspect ratio.</summary>
    public int? Height { get; init; }

    /// <summary>Read the input at its own frame rate (<c>-re</c>), so a file plays like a live stream.</summary>
    public bool NativeRate { get; init; }

    /// <summary>Stop after this many frames (1 for a still image); null: until the input ends.</summary>
    public int? MaxFrames { get; init; }

    /// <summary>Options that go before <c>-i</c> (the input's format).</summary>
    public IReadOnlyList<string> InputOptions { get; init; } = [];

    // The protocols a network stream needs (RTSP over TCP/UDP/RTP, HTTP(S) with TLS, HLS segments through crypto).
    private const string NetworkProtocols = "tcp,udp,rtp,rtsp,rtsps,srtp,http,https,tls,crypto,httpproxy";

    /// <summary>The ffmpeg command line (without the program) that decodes <paramref name="input"/> to RGB24 on stdout.</summary>
    public IReadOnlyList<string> Arguments(string input)
    {
        // -nostdin: ffmpeg must never wait on the node's terminal; the info log level keeps the output stream
        // description, which is where the frame size is read from.
        List<string> arguments = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "info"];
        if (NativeRate)
        {
            arguments.Add("-re");
        }

        // What ffmpeg may open besides the input itself: a playlist or a "concat" file from an allowed host must not
        // lead it to a local file or another protocol (the node's reach is checked on the input's URL only).
        arguments.AddRange(["-protocol_whitelist", input.StartsWith("file:", StringComparison.Ordinal) ? "file" : NetworkProtocols]);
        arguments.AddRange(InputOptions);
        arguments.AddRange(["-i", input, "-map", "0:v:0"]);
        var filters = new List<string>();
        if (FramesPerSecond is { } fps)
        {
            filters.Add("fps=" + fps.ToString("R", CultureInfo.InvariantCulture));
        }

        if (Width is not null || Height is not null)
        {
            filters.Add($"scale={Width ?? -1}:{Height ?? -1}");
        }

        if (filters.Count > 0)
        {
            arguments.AddRange(["-vf", string.Join(',', filters)]);
        }

        if (MaxFrames is { } max)
        {
            arguments.AddRange(["-frames:v", max.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-an", "-sn", "-dn", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        return arguments;
    }
}
