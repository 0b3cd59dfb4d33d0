using System.Globalization;
using System.IO.Compression;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// A witness image: a copy of the image that was sent with each detection's box drawn on it as a
/// <see cref="LineWidth"/>-pixel outline just inside the box, in its class's colour (<see cref="ClassColors"/>), and
/// encoded as PNG. The strongest boxes are drawn last, so they stay whole where boxes cross.
/// </summary>
public static class WitnessImage
{
    /// <summary>Thickness of a box's outline, in pixels.</summary>
    public const int LineWidth = 2;

    /// <summary>A copy of <paramref name="image"/> with the boxes of <paramref name="detections"/> drawn on it.</summary>
    /// <param name="detections">By descending score, as inference reports them.</param>
    public static InferenceImage Draw(InferenceImage image, IReadOnlyList<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(detections);
        if (image.Width <= 0 || image.Height <= 0)
        {
            throw new InvalidConfigException(image.Width <= 0 ? "Image.Width" : "Image.Height",
                (image.Width <= 0 ? image.Width : image.Height).ToString(CultureInfo.InvariantCulture), "must be a positive number of pixels");
        }

        if (image.Rgb24 is null || image.Rgb24.LongLength != 3L * image.Width * image.Height)
        {
            throw new InvalidConfigException("Image.Rgb24.Length", image.Rgb24?.Length.ToString(CultureInfo.InvariantCulture),
                $"a {image.Width} × {image.Height} RGB24 image takes width × height × 3 = {3L * image.Width * image.Height} bytes");
        }

        var copy = (byte[])image.Rgb24.Clone();
        DrawBoxes(image.Width, image.Height, copy, detections);
        return image with { Rgb24 = copy };
    }

    /// <summary>The PNG of <paramref name="image"/> with the boxes of <paramref name="detections"/> drawn on it; the image itself is not changed.</summary>
    public static byte[] Png(InferenceImage image, IReadOnlyList<Detection> detections, CompressionLevel level = CompressionLevel.Fastest)
    {
        var drawn = Draw(image, detections);
        return PngEncoder.Encode(drawn.Width, drawn.Height, drawn.Rgb24, level);
    }

    /// <summary>Draws the boxes of <paramref name="detections"/> onto <paramref name="rgb24"/> in place.</summary>
    public static void DrawBoxes(int width, int height, Span<byte> rgb24, IReadOnlyList<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb24.Length != 3L * width * height)
        {
            throw new ArgumentException($"{rgb24.Length} bytes are not a {width} × {height} RGB24 image.", nameof(rgb24));
        }

        var canvas = new Canvas(width, height, rgb24);
        for (var i = detections.Count - 1; i >= 0; i--)
        {
            var d = detections[i];
            canvas.Outline(d.Left, d.Top, d.Right, d.Bottom, ClassColors.For(d.ClassIndex));
        }
    }

    private readonly ref struct Canvas(int width, int height, Span<byte> rgb24)
    {
        private readonly Span<byte> _pixels = rgb24;

        public void Outline(float left, float top, float right, float bottom, RgbColor colour)
        {
            // The pixels the box covers at least partly; NaN or inverted corners cover none.
            if (!(right > left && bottom > top))
            {
                return;
            }

            // Clamped as doubles first: corners far outside the image must not overflow an int.
            var x0 = (int)Math.Clamp(Math.Floor(left), 0, width);
            var y0 = (int)Math.Clamp(Math.Floor(top), 0, height);
            var x1 = (int)Math.Clamp(Math.Ceiling(right) - 1, -1, width - 1);
            var y1 = (int)Math.Clamp(Math.Ceiling(bottom) - 1, -1, height - 1);
            if (x0 > x1 || y0 > y1)
            {
                return;
            }

            var inner = LineWidth - 1;
            Fill(x0, y0, x1, Math.Min(y0 + inner, y1), colour);
            Fill(x0, Math.Max(y1 - inner, y0), x1, y1, colour);
            Fill(x0, y0, Math.Min(x0 + inner, x1), y1, colour);
            Fill(Math.Max(x1 - inner, x0), y0, x1, y1, colour);
        }

        private void Fill(int x0, int y0, int x1, int y1, RgbColor colour)
        {
            for (var y = y0; y <= y1; y++)
            {
                var row = _pixels.Slice((y * width + x0) * 3, (x1 - x0 + 1) * 3);
                for (var p = 0; p < row.Length; p += 3)
                {
                    row[p] = colour.R;
                    row[p + 1] = colour.G;
                    row[p + 2] = colour.B;
                }
            }
        }
    }
}
