using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var stride = 3L * width;
        if (rgb24.Length != stride * height)
        {
            throw new ArgumentException($"{rgb24.Length} bytes are not a {width} × {height} RGB24 image ({stride * height} bytes).", nameof(rgb24));
        }

        // Room for a quarter of the raw size to start with: camera images rarely compress much better than that.
        using var file = new PooledByteStream((int)Math.Min((stride + 1) * height / 4 + 1024, Array.MaxLength));
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bits per sample
        header[9] = 2;  // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive, here with filter 0 on every row
        header[12] = 0; // no interlace
        WriteChunk(file, "IHDR"u8, header);

        // IDAT is compressed straight into the file; its length is filled in once known.
        var start = (int)file.Length;
        file.Write([0, 0, 0, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T']);
        Compress(file, (int)stride, rgb24, level);
        var idat = file.Written[(start + 4)..];
        BinaryPrimitives.WriteInt32BigEndian(file.Written[start..], idat.Length - 4);
        WriteCrc(file, idat);

        WriteChunk(file, "IEND"u8, []);
        return file.Written.ToArray();
    }

    private static void Compress(Stream destination, int stride, ReadOnlySpan<byte> rgb24, CompressionLevel level)
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

    private static void WriteChunk(PooledByteStream file, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var start = (int)file.Length;
        file.Write(type);
        file.Write(data);
        WriteCrc(file, file.Written[start..]);
    }

    // The CRC of a chunk's type and data, which are the last bytes written.
    private static void WriteCrc(PooledByteStream file, ReadOnlySpan<byte> typeAndData)
    {
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(typeAndData));
        file.Write(crc);
    }
}
