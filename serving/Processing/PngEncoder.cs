using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Encodes packed RGB24 pixels as a PNG: 8-bit truecolour, no interlace, every row with filter 0 (none), one IDAT
/// chunk compressed with zlib. Plain and fast rather than small: witness images are made per frame.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The PNG file of a <paramref name="width"/> × <paramref name="height"/> RGB24 image.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgb24, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var file = new MemoryStream();
        Encode(file, width, height, rgb24, level);
        return file.ToArray();
    }

    /// <summary>Writes the PNG file of a <paramref name="width"/> × <paramref name="height"/> RGB24 image to <paramref name="destination"/>.</summary>
    public static void Encode(Stream destination, int width, int height, ReadOnlySpan<byte> rgb24, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var stride = 3L * width;
        if (rgb24.Length != stride * height)
        {
            throw new ArgumentException($"{rgb24.Length} bytes are not a {width} × {height} RGB24 image ({stride * height} bytes).", nameof(rgb24));
        }

        destination.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bits per sample
        header[9] = 2;  // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive, here with filter 0 on every row
        header[12] = 0; // no interlace
        WriteChunk(destination, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        Compress(compressed, (int)stride, rgb24, level);
        WriteChunk(destination, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(destination, "IEND"u8, []);
    }

    private static void Compress(MemoryStream destination, int stride, ReadOnlySpan<byte> rgb24, CompressionLevel level)
    {
        // Each row goes out as its filter byte and its pixels in one write.
        var row = ArrayPool<byte>.Shared.Rent(stride + 1);
        try
        {
            using var zlib = new ZLibStream(destination, level, leaveOpen: true);
            row[0] = 0;
            for (var start = 0; start < rgb24.Length; start += stride)
            {
                rgb24.Slice(start, stride).CopyTo(row.AsSpan(1));
                zlib.Write(row, 0, stride + 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
        }
    }

    private static void WriteChunk(Stream destination, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        destination.Write(word);
        destination.Write(type);
        destination.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, type), data)));
        destination.Write(word);
    }
}
