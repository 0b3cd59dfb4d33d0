using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>ImageFolder</c>: every image file (png, jpg, jpeg, bmp, webp) directly in the folder at <c>URL</c>, in ordinal
/// name order, one every 1/<c>CAP_RESOLUTION</c> seconds, each decoded by ffmpeg at its own size. The folder is listed
/// again on every pass, so with <c>REPLAY</c> files added meanwhile join the next pass; without it the source finishes
/// after the last image. An image ffmpeg cannot decode fails the source, naming the file.
/// </summary>
[CaptureType("ImageFolder", Description = "The images of a folder, in name order, at CAP_RESOLUTION images per second")]
public sealed class ImageFolderCapture : CaptureSource<ImageFolderCapture.ImageFolderConfig>
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        // Required by the rules, so checked before the source runs.
        var folder = Config.Url!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"ImageFolder URL '{folder}' is not an existing folder");
        }

        // image2 without patterns: a file named "shot%03d.png" is that file, not a sequence.
        var decoding = new FrameDecoding { MaxFrames = 1, Width = Config.ResizeWidth, Height = Config.ResizeHeight, InputOptions = ["-f", "image2", "-pattern_type", "none"] };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Config.CapResolution), context.Time);
        for (var pass = 0; ; pass++)
        {
            var images = Images(folder);
            if (images.Count == 0)
            {
                throw new FileNotFoundException($"ImageFolder URL '{folder}' holds no image files ({string.Join(", ", Extensions)})");
            }

            for (var index = 0; index < images.Count; index++)
            {
                var image = await DecodeAsync(images[index], decoding, index, context, cancellationToken);
                var now = context.Time.GetUtcNow();
                var metadata = FrameMetadata.Of(folder, index, now).SetItem("FILE", Path.GetFileName(images[index])).SetItem("PASS", pass);
                context.Publish(new CaptureItem(null, image, metadata, now));
                context.ReportStarted();
                await timer.WaitForNextTickAsync(cancellationToken);
            }

            if (!Config.Replay)
            {
                return;
            }
        }
    }

    private static List<string> Images(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)];

    private static async Task<ImageFrame> DecodeAsync(string path, FrameDecoding decoding, int index, ICaptureContext context, CancellationToken cancellationToken)
    {
        await using var reader = await FfmpegFrameReader.OpenAsync(MediaLocation.FfmpegInput(path), path, decoding, context.Logger, cancellationToken);
        var pixels = await reader.ReadFrameAsync(cancellationToken)
            ?? throw new MediaDecodeException(path, $"ImageFolder file '{path}' holds no picture");
        return new ImageFrame(reader.Width, reader.Height, pixels, index);
    }

    /// <summary>Keys of an <c>ImageFolder</c> pipeline.</summary>
    public sealed class ImageFolderConfig : ScaledFrameConfig
    {
        [ConfigKey(Required = true, MinLength = 1, Description = "Path of the folder of images.")]
        public override string? Url { get; set; }

        [ConfigKey(Description = "Start over (listing the folder again) after the last image.")]
        public bool Replay { get; set; }
    }
}
