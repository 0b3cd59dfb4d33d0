namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// The colour a class's boxes are drawn in: hues a golden-ratio step apart, so neighbouring class indices look clearly
/// different and no two of the first hundreds of classes share a colour. The same class always gets the same colour.
/// </summary>
public static class ClassColors
{
    private const double GoldenRatioConjugate = 0.6180339887498949;

    /// <summary>The colour of class <paramref name="classIndex"/>.</summary>
    public static RgbColor For(int classIndex)
    {
        var i = Math.Abs((long)classIndex);
        var hue = i * GoldenRatioConjugate % 1.0;

        // Alternating brightness keeps close hues of far-apart classes apart too.
        var value = i % 2 == 0 ? 1.0 : 0.8;
        return FromHsv(hue, 0.85, value);
    }

    private static RgbColor FromHsv(double hue, double saturation, double value)
    {
        var sector = hue * 6.0;
        var whole = (int)sector % 6;
        var fraction = sector - Math.Floor(sector);
        var p = value * (1 - saturation);
        var q = value * (1 - saturation * fraction);
        var t = value * (1 - saturation * (1 - fraction));
        var (r, g, b) = whole switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
        return new RgbColor(Byte(r), Byte(g), Byte(b));
    }

    private static byte Byte(double unit) => (byte)Math.Round(unit * 255.0);
}
