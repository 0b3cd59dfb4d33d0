using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Serving;
using StbImageSharp;

namespace Ratio1.Orleans.Cli.Commands.Models;

/// <summary>
/// Decodes a PNG, JPEG or BMP file to packed 8-bit RGB pixels, row by row from the top (the layout r1ctl always sent),
/// in managed code: the client needs no image program. Transparency is dropped; grey and palette
/// pictures are expanded to RGB; 16-bit PNG is reduced to 8 bits.
/// </summary>
internal static class ImageFile
{
    /// <summary>The formats read, for messages.</summary>
    public const string Formats = "PNG, JPEG or BMP";

    public static async Task<InferenceImage> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e is FileNotFoundException or DirectoryNotFoundException
                ? $"--image: no such file {path}."
                : $"--image: cannot read {path}: {e.Message}", e);
        }

        return Decode(bytes, path);
    }

    public static InferenceImage Decode(byte[] bytes, string path)
    {
        // By signature, not by name: stb would read a few more formats (GIF, TGA, PSD, HDR), which are not promised.
        if (Format(bytes) is not { } format)
        {
            throw new UsageException($"--image: {path} is not a {Formats} image.");
        }

        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UsageException($"--image: {path} looks like {format} but cannot be decoded: {e.Message}.", e);
        }

        if (image is null || image.Width <= 0 || image.Height <= 0 || image.Data.Length < image.Width * image.Height * 3)
        {
            throw new UsageException($"--image: {path} looks like {format} but holds no picture.");
        }

        return new InferenceImage(image.Width, image.Height, image.Data.Length == image.Width * image.Height * 3
            ? image.Data
            : image.Data.AsSpan(0, image.Width * image.Height * 3).ToArray());
    }

    private static string? Format(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "PNG",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [(byte)'B', (byte)'M', ..] when bytes.Length >= 26 => "BMP",
        _ => null,
    };
}
