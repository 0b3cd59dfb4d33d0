using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Witness images are PNG files any decoder reads back to the exact pixels.</summary>
public sealed class PngEncoderTests
{
    [Fact]
    public async Task A_PNG_decodes_back_to_the_exact_pixels()
    {
        var (width, height) = (37, 23);
        var pixels = new byte[width * height * 3];
        new Random(11).NextBytes(pixels);

        var decoded = await FfmpegPng.DecodeAsync(PngEncoder.Encode(width, height, pixels));

        Assert.Equal(pixels, decoded);
    }

    [Fact]
    public async Task A_single_pixel_PNG_decodes_back_to_its_pixel()
    {
        Assert.Equal([12, 34, 56], await FfmpegPng.DecodeAsync(PngEncoder.Encode(1, 1, [12, 34, 56])));
    }

    [Fact]
    public void A_PNG_is_8_bit_RGB_without_interlace_in_header_data_and_end_chunks()
    {
        var png = PngEncoder.Encode(5, 3, new byte[45]);

        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var chunks = Chunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.Equal([0, 0, 0, 5, 0, 0, 0, 3, 8, 2, 0, 0, 0], chunks[0].Data);
        Assert.Empty(chunks[2].Data);
    }

    [Fact]
    public void Every_row_of_a_PNG_has_filter_zero_and_the_raw_pixels()
    {
        var pixels = Enumerable.Range(0, 4 * 3 * 3).Select(i => (byte)(i * 7)).ToArray();
        var idat = Chunks(PngEncoder.Encode(4, 3, pixels)).Single(c => c.Type == "IDAT").Data;

        using var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);

        var rows = raw.ToArray().Chunk(1 + 4 * 3).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.All(rows, row => Assert.Equal(0, row[0]));
        Assert.Equal(pixels, rows.SelectMany(row => row.Skip(1)));
    }

    [Fact]
    public void Every_chunk_carries_the_CRC_32_of_its_type_and_data()
    {
        var png = PngEncoder.Encode(2, 2, new byte[12]);

        // IEND's CRC is fixed by the PNG specification.
        Assert.Equal(0xAE426082u, Chunks(png)[^1].Crc);
        Assert.All(Chunks(png), chunk => Assert.Equal(Crc32.Compute([.. Encoding.ASCII.GetBytes(chunk.Type), .. chunk.Data]), chunk.Crc));
    }

    [Fact]
    public void The_CRC_32_of_the_standard_check_string_is_its_published_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Pixels_that_are_not_the_stated_size_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[11]));
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length).ToArray();
            chunks.Add((type, data, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }

        return chunks;
    }
}
