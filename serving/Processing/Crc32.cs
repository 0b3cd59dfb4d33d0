using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// CRC-32 as PNG chunks use it (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final value 0xFFFFFFFF),
/// one table lookup per byte.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    // Built once; immutable so no caller can change it.
    private static readonly ImmutableArray<uint> Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The running value before any byte.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>The running value after <paramref name="data"/> more bytes.</summary>
    public static uint Append(uint running, ReadOnlySpan<byte> data)
    {
        var table = Table.AsSpan();
        foreach (var b in data)
        {
            running = table[(int)((running ^ b) & 0xFF)] ^ (running >> 8);
        }

        return running;
    }

    /// <summary>The CRC from a running value.</summary>
    public static uint Finish(uint running) => running ^ 0xFFFFFFFFu;

    private static ImmutableArray<uint> BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(table);
    }
}
