using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>VideoStream</c>: a live source (RTSP, HTTP, any URL ffmpeg reads, or a local file played in real time with
/// <c>-re</c>) decoded by ffmpeg, whose <c>fps</c> filter keeps <c>CAP_RESOLUTION</c> frames per second. Every frame
/// is published as soon as it is decoded, so the source never falls behind the stream; with <c>LIVE_FEED</c> (the
/// default) only the newest frames matter, and each instance keeps its latest <c>MAX_INPUTS_QUEUE_SIZE</c>. When the
/// stream ends, fails, or delivers no frame for <c>FRAME_TIMEOUT</c> seconds, the source fails so the runtime
/// reconnects as <c>RECONNECTABLE</c> says.
/// </summary>
[CaptureType("VideoStream", Description = "Frames of a live stream (RTSP, HTTP, file) at CAP_RESOLUTION frames per second")]
public sealed class VideoStreamCapture : CaptureSource<VideoStreamCapture.VideoStreamConfig>
{
    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        // Required by the rules, so checked before the source runs.
        var url = Config.Url!;
        var (input, local) = MediaLocation.ResolveVideo("VideoStream", url);

        var rate = Config.CapResolution;
        var decoding = new FrameDecoding { FramesPerSecond = rate, Width = Config.ResizeWidth, Height = Config.ResizeHeight, NativeRate = local };
        // A frame is due every 1/rate seconds: the stream counts as stalled only after that plus FRAME_TIMEOUT.
        var stall = TimeSpan.FromSeconds(Config.FrameTimeout + (1 / rate));
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(stall);
        try
        {
            await using var reader = await FfmpegFrameReader.OpenAsync(input, url, decoding, context.Logger, watchdog.Token);
            while (true)
            {
                watchdog.CancelAfter(stall);
                var pixels = await reader.ReadFrameAsync(watchdog.Token)
                    ?? throw new MediaDecodeException(url, $"VideoStream URL '{url}' ended after {reader.FramesRead} frames");
                var index = reader.FramesRead - 1;
                var now = context.Time.GetUtcNow();
                context.Publish(new CaptureItem(null, new ImageFrame(reader.Width, reader.Height, pixels, index), FrameMetadata.Of(url, index, now), now));
                context.ReportStarted();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"VideoStream URL '{url}' delivered no frame for {stall.TotalSeconds:0.##} s (FRAME_TIMEOUT {Config.FrameTimeout:0.##} s)");
        }
    }

    /// <summary>Keys of a <c>VideoStream</c> pipeline.</summary>
    public sealed class VideoStreamConfig : ScaledFrameConfig
    {
        [ConfigKey(Required = true, MinLength = 1, Description = "URL of the stream (rtsp://, http://, ...), or path of a video file to play in real time.")]
        public override string? Url { get; set; }

        [ConfigKey(Min = 0.1, Max = 3600, Description = "Seconds without a frame (beyond one CAP_RESOLUTION period) after which the stream counts as stalled and is reconnected.")]
        public double FrameTimeout { get; set; } = 10;
    }
}
