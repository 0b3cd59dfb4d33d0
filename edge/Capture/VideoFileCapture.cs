using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>VideoFile</c>: the frames of the video at <c>URL</c>, decoded by ffmpeg. ffmpeg's <c>fps</c> filter picks
/// <c>CAP_RESOLUTION</c> frames per second of video (dropping or repeating frames as the file's own rate requires), and
/// the source delivers them at that pace in real time: one every 1/<c>CAP_RESOLUTION</c> seconds. At the end of the
/// file it finishes (data exhausted), or with <c>REPLAY</c> starts over.
/// </summary>
[CaptureType("VideoFile", Description = "Frames of a video file at CAP_RESOLUTION frames per second")]
public sealed class VideoFileCapture : CaptureSource<VideoFileCapture.VideoFileConfig>
{
    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        // Required by the rules, so checked before the source runs.
        var url = Config.Url!;
        var (input, _) = MediaLocation.ResolveVideo("VideoFile", url);

        var rate = Config.CapResolution;
        var decoding = new FrameDecoding { FramesPerSecond = rate, Width = Config.ResizeWidth, Height = Config.ResizeHeight };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate), context.Time);
        for (var pass = 0; ; pass++)
        {
            await using var reader = await FfmpegFrameReader.OpenAsync(input, url, decoding, context.Logger, cancellationToken);
            context.ReportStarted();
            while (await reader.ReadFrameAsync(cancellationToken) is { } pixels)
            {
                var index = reader.FramesRead - 1;
                var now = context.Time.GetUtcNow();
                var metadata = FrameMetadata.Of(url, index, now).SetItem("POSITION", index / rate).SetItem("PASS", pass);
                context.Publish(new CaptureItem(null, new ImageFrame(reader.Width, reader.Height, pixels, index), metadata, now));
                await timer.WaitForNextTickAsync(cancellationToken);
            }

            // A file without frames would replay in a busy loop.
            if (!Config.Replay || reader.FramesRead == 0)
            {
                return;
            }
        }
    }

    /// <summary>Keys of a <c>VideoFile</c> pipeline.</summary>
    public sealed class VideoFileConfig : ScaledFrameConfig
    {
        [ConfigKey(Required = true, MinLength = 1, Description = "Path of the video file (an http(s) URL also works).")]
        public override string? Url { get; set; }

        [ConfigKey(Description = "Start over at the end of the file.")]
        public bool Replay { get; set; }
    }
}
