namespace Ratio1.Orleans.Plugins;

/// <summary>A decoded image: packed 8-bit RGB pixels, row by row (<see cref="Width"/> × <see cref="Height"/> × 3 bytes).</summary>
/// <param name="Index">Position of the frame in its source (0-based).</param>
public sealed record ImageFrame(int Width, int Height, ReadOnlyMemory<byte> Rgb24, long Index)
{
    /// <summary>The red, green and blue bytes of one pixel.</summary>
    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var offset = ((y * Width) + x) * 3;
        var span = Rgb24.Span;
        return (span[offset], span[offset + 1], span[offset + 2]);
    }
}
