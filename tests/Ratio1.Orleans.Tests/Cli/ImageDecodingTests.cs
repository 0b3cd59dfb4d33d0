using System.Diagnostics;
using Ratio1.Orleans.Cli.Commands.Models;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>
/// <c>r1ctl infer --image</c> decodes in managed code to the pixels ffmpeg gave it before (the ffmpeg program is the
/// witness here; the client no longer needs it): the same for lossless PNG and BMP, within rounding for JPEG.
/// </summary>
public sealed class ImageDecodingTests : IDisposable
{
    private const int Width = 64;
    private const int Height = 48;
    private readonly ScratchFiles _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task A_png_decodes_to_exactly_the_pixels_ffmpeg_gives()
    {
        var png = _scratch.PathOf("noise.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(Width, Height, Noise()));

        var decoded = await ImageFile.DecodeAsync(png, CancellationToken.None);

        Assert.Equal((Width, Height), (decoded.Width, decoded.Height));
        Assert.Equal(await FfmpegRgb24Async(png), decoded.Rgb24.ToArray());
    }

    [Fact]
    public async Task A_bmp_decodes_to_exactly_the_pixels_ffmpeg_gives()
    {
        var png = _scratch.PathOf("noise-for-bmp.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(Width, Height, Noise()));
        var bmp = await FfmpegConvertAsync(png, "noise.bmp");

        var decoded = await ImageFile.DecodeAsync(bmp, CancellationToken.None);

        Assert.Equal((Width, Height), (decoded.Width, decoded.Height));
        Assert.Equal(await FfmpegRgb24Async(bmp), decoded.Rgb24.ToArray());
    }

    [Fact]
    public async Task A_jpeg_decodes_to_within_rounding_of_the_pixels_ffmpeg_gives()
    {
        var png = _scratch.PathOf("gradient.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(Width, Height, Gradient()));
        var jpeg = await FfmpegConvertAsync(png, "gradient.jpg", "-q:v", "2");

        var decoded = await ImageFile.DecodeAsync(jpeg, CancellationToken.None);
        var witness = await FfmpegRgb24Async(jpeg);

        // Two JPEG decoders differ in their IDCT and chroma upsampling by a few levels, never in the picture.
        Assert.Equal((Width, Height), (decoded.Width, decoded.Height));
        var differences = decoded.Rgb24.ToArray().Zip(witness, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.True(differences.Average() < 3 && differences.Max() < 40, $"mean difference {differences.Average():0.00}, largest {differences.Max()}");
    }

    [Fact]
    public async Task A_file_that_is_no_supported_image_exits_2_naming_the_file()
    {
        var text = _scratch.PathOf("notes.png");
        await File.WriteAllTextAsync(text, "not a picture");

        // Decoding comes before any connection: no cluster is needed to refuse the file.
        var result = await R1ctl.RunAsync(1, "infer", "edge-01", "any-model", "--image", text);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{text} is not a PNG, JPEG or BMP image", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_png_exits_2_naming_the_file()
    {
        var png = _scratch.PathOf("cut.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(Width, Height, Noise())[..60]);

        var result = await R1ctl.RunAsync(1, "infer", "edge-01", "any-model", "--image", png);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{png} looks like PNG but cannot be decoded", result.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Noise()
    {
        var pixels = new byte[Width * Height * 3];
        new Random(18).NextBytes(pixels);
        return pixels;
    }

    private static byte[] Gradient()
    {
        var pixels = new byte[Width * Height * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = ((y * Width) + x) * 3;
                pixels[i] = (byte)(x * 255 / (Width - 1));
                pixels[i + 1] = (byte)(y * 255 / (Height - 1));
                pixels[i + 2] = (byte)(128 + (x - y));
            }
        }

        return pixels;
    }

    private async Task<string> FfmpegConvertAsync(string source, string name, params string[] options)
    {
        var target = _scratch.PathOf(name);
        await FfmpegAsync(["-y", "-i", source, .. options, target]);
        return target;
    }

    // What r1ctl ran before: the first frame, as 8-bit RGB rows from the top.
    private static Task<byte[]> FfmpegRgb24Async(string path) => FfmpegAsync(["-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);

    private static async Task<byte[]> FfmpegAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "error", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start)!;
        using var output = new MemoryStream();
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.StandardOutput.BaseStream.CopyToAsync(output);
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg {string.Join(' ', arguments)}: {await errors}");
        return output.ToArray();
    }
}
