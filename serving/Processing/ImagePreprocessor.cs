using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Turns packed RGB24 images into one model input tensor of 3 × <see cref="Height"/> × <see cref="Width"/> floats in
/// NCHW order: a bilinear resize with half-pixel centres (as OpenCV's <c>INTER_LINEAR</c>; pixels are copied when the
/// sizes already match), multiplied by <see cref="ImageSettings.Scale"/>, then <c>(x - mean[c]) / std[c]</c>, with the
/// channels in RGB or, with <see cref="ImageSettings.Bgr"/>, BGR order. Built once per model (the settings are checked
/// then); immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// <see cref="ImageSettings.Mean"/> and <see cref="ImageSettings.Std"/> are in the model's channel order (BGR for a BGR
/// model). Resampled values are not rounded back to 8 bits as OpenCV's 8-bit resize does, so they may differ from
/// OpenCV's by up to half a level before scaling.
/// </remarks>
public sealed class ImagePreprocessor
{
    // Column tables of resizes to at most this width live on the stack; wider ones are rented.
    private const int StackColumns = 1024;

    // Per output channel: value = pixel * gain - offset, i.e. (pixel * scale - mean) / std folded into one multiply-add.
    private readonly float _gain0, _gain1, _gain2;
    private readonly float _offset0, _offset1, _offset2;

    // Byte offset within an RGB24 pixel that feeds output channel 0 and channel 2 (channel 1 is always green).
    private readonly int _first, _last;

    /// <summary>A preprocessor for a model input of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <exception cref="InvalidConfigException">The settings are unusable (the field is named, e.g. <c>Image.Std</c>).</exception>
    public ImagePreprocessor(ImageSettings settings, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (3L * width * height > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width} × {height} input does not fit in one tensor.");
        }

        var (mean, std) = Validate(settings);
        Settings = settings;
        Width = width;
        Height = height;
        _gain0 = settings.Scale / std[0];
        _gain1 = settings.Scale / std[1];
        _gain2 = settings.Scale / std[2];
        _offset0 = mean[0] / std[0];
        _offset1 = mean[1] / std[1];
        _offset2 = mean[2] / std[2];
        (_first, _last) = settings.Bgr ? (2, 0) : (0, 2);
    }

    /// <summary>The settings this preprocessor applies.</summary>
    public ImageSettings Settings { get; }

    /// <summary>Width of the model input.</summary>
    public int Width { get; }

    /// <summary>Height of the model input.</summary>
    public int Height { get; }

    /// <summary>Floats one image takes: 3 × <see cref="Height"/> × <see cref="Width"/>.</summary>
    public int TensorLength => 3 * Width * Height;

    /// <summary>Writes <paramref name="image"/> into <paramref name="destination"/> (<see cref="TensorLength"/> floats).</summary>
    /// <returns>How the image was resized, to map boxes found in the model input back onto it.</returns>
    /// <exception cref="InvalidConfigException">The image is malformed (the field is named, e.g. <c>Image.Rgb24.Length</c>).</exception>
    public ImageResize Write(InferenceImage image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Rgb24 is null)
        {
            throw new InvalidConfigException("Image.Rgb24", null, "the image has no pixels");
        }

        return Write(image.Width, image.Height, image.Rgb24, destination);
    }

    /// <summary>
    /// Writes a packed RGB24 image of <paramref name="width"/> × <paramref name="height"/> pixels into
    /// <paramref name="destination"/> (<see cref="TensorLength"/> floats: the red, green and blue planes, or blue, green
    /// and red for a BGR model).
    /// </summary>
    /// <returns>How the image was resized, to map boxes found in the model input back onto it.</returns>
    /// <exception cref="InvalidConfigException">The image is malformed (the field is named, e.g. <c>Image.Width</c>).</exception>
    public ImageResize Write(int width, int height, ReadOnlySpan<byte> rgb24, Span<float> destination)
    {
        ValidateImage(width, height, rgb24.Length);
        if (destination.Length != TensorLength)
        {
            throw new ArgumentException($"The destination holds {destination.Length} floats; a 3 × {Height} × {Width} tensor takes {TensorLength}.", nameof(destination));
        }

        var resize = new ImageResize(width, height, Width, Height);
        var plane = Width * Height;
        var c0 = destination[..plane];
        var c1 = destination.Slice(plane, plane);
        var c2 = destination.Slice(2 * plane, plane);
        if (resize.IsIdentity)
        {
            Copy(rgb24, c0, c1, c2);
        }
        else
        {
            Resample(width, height, rgb24, c0, c1, c2);
        }

        return resize;
    }

    private void Copy(ReadOnlySpan<byte> rgb24, Span<float> c0, Span<float> c1, Span<float> c2)
    {
        for (int i = 0, p = 0; i < c0.Length; i++, p += 3)
        {
            c0[i] = rgb24[p + _first] * _gain0 - _offset0;
            c1[i] = rgb24[p + 1] * _gain1 - _offset1;
            c2[i] = rgb24[p + _last] * _gain2 - _offset2;
        }
    }

    private void Resample(int sourceWidth, int sourceHeight, ReadOnlySpan<byte> rgb24, Span<float> c0, Span<float> c1, Span<float> c2)
    {
        // Each output column reads two source pixels (left, right) with one weight; computed once for all rows.
        int[]? rentedColumns = null;
        float[]? rentedWeights = null;
        var columns = Width <= StackColumns ? stackalloc int[2 * StackColumns] : (rentedColumns = ArrayPool<int>.Shared.Rent(2 * Width));
        var weights = Width <= StackColumns ? stackalloc float[StackColumns] : (rentedWeights = ArrayPool<float>.Shared.Rent(Width));
        try
        {
            var scaleX = (double)sourceWidth / Width;
            for (var x = 0; x < Width; x++)
            {
                var (left, right, weight) = SourceSpan(x, scaleX, sourceWidth);
                columns[2 * x] = left * 3;
                columns[2 * x + 1] = right * 3;
                weights[x] = weight;
            }

            var scaleY = (double)sourceHeight / Height;
            var stride = sourceWidth * 3;
            for (var y = 0; y < Height; y++)
            {
                var (top, bottom, wy) = SourceSpan(y, scaleY, sourceHeight);
                var row = y * Width;
                ResampleRow(
                    rgb24.Slice(top * stride, stride),
                    rgb24.Slice(bottom * stride, stride),
                    columns[..(2 * Width)],
                    weights[..Width],
                    wy,
                    c0.Slice(row, Width),
                    c1.Slice(row, Width),
                    c2.Slice(row, Width));
            }
        }
        finally
        {
            if (rentedColumns is not null)
            {
                ArrayPool<int>.Shared.Return(rentedColumns);
            }

            if (rentedWeights is not null)
            {
                ArrayPool<float>.Shared.Return(rentedWeights);
            }
        }
    }

    // The hot loop, over references rather than indexed spans: every offset was checked when the tables were built
    // (columns within one source row, rows within the image, outputs one row long), so per-pixel bounds checks would
    // only cost time.
    private void ResampleRow(
        ReadOnlySpan<byte> upper, ReadOnlySpan<byte> lower, ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, float wy,
        Span<float> out0, Span<float> out1, Span<float> out2)
    {
        ref var up = ref MemoryMarshal.GetReference(upper);
        ref var down = ref MemoryMarshal.GetReference(lower);
        ref var column = ref MemoryMarshal.GetReference(columns);
        ref var weight = ref MemoryMarshal.GetReference(weights);
        ref var o0 = ref MemoryMarshal.GetReference(out0);
        ref var o1 = ref MemoryMarshal.GetReference(out1);
        ref var o2 = ref MemoryMarshal.GetReference(out2);
        float gain0 = _gain0, gain1 = _gain1, gain2 = _gain2, offset0 = _offset0, offset1 = _offset1, offset2 = _offset2;
        int first = _first, last = _last;
        for (var x = 0; x < out0.Length; x++)
        {
            var l = Unsafe.Add(ref column, 2 * x);
            var r = Unsafe.Add(ref column, 2 * x + 1);
            var wx = Unsafe.Add(ref weight, x);
            Unsafe.Add(ref o0, x) = Blend(ref up, ref down, l + first, r + first, wx, wy) * gain0 - offset0;
            Unsafe.Add(ref o1, x) = Blend(ref up, ref down, l + 1, r + 1, wx, wy) * gain1 - offset1;
            Unsafe.Add(ref o2, x) = Blend(ref up, ref down, l + last, r + last, wx, wy) * gain2 - offset2;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Blend(ref byte upper, ref byte lower, int left, int right, float wx, float wy)
    {
        float a = Unsafe.Add(ref upper, left), b = Unsafe.Add(ref upper, right);
        float c = Unsafe.Add(ref lower, left), d = Unsafe.Add(ref lower, right);
        var top = a + (b - a) * wx;
        var bottom = c + (d - c) * wx;
        return top + (bottom - top) * wy;
    }

    // The two source pixels an output pixel blends, and the weight of the second: half-pixel centres, edges replicated.
    private static (int First, int Second, float Weight) SourceSpan(int target, double scale, int sourceSize)
    {
        var position = (target + 0.5) * scale - 0.5;
        var first = (int)Math.Floor(position);
        var weight = (float)(position - first);
        if (first < 0)
        {
            first = 0;
            weight = 0f;
        }

        if (first >= sourceSize - 1)
        {
            first = sourceSize - 1;
            weight = 0f;
        }

        return (first, Math.Min(first + 1, sourceSize - 1), weight);
    }

    private static void ValidateImage(int width, int height, int length)
    {
        if (width <= 0)
        {
            throw new InvalidConfigException("Image.Width", Text(width), "must be a positive number of pixels");
        }

        if (height <= 0)
        {
            throw new InvalidConfigException("Image.Height", Text(height), "must be a positive number of pixels");
        }

        var expected = 3L * width * height;
        if (length != expected)
        {
            throw new InvalidConfigException("Image.Rgb24.Length", Text(length),
                $"a {width} × {height} RGB24 image takes width × height × 3 = {expected.ToString(CultureInfo.InvariantCulture)} bytes");
        }
    }

    private static (ImmutableArray<float> Mean, ImmutableArray<float> Std) Validate(ImageSettings settings)
    {
        var errors = Problems(settings);
        return errors.Count == 0 ? (settings.EffectiveMean, settings.EffectiveStd) : throw new InvalidConfigException(errors);
    }

    /// <summary>What is wrong with <paramref name="settings"/> (each field named with its value); empty when they are usable.</summary>
    public static IReadOnlyList<ConfigError> Problems(ImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<ConfigError>();
        if (!float.IsFinite(settings.Scale))
        {
            errors.Add(new ConfigError("Image.Scale", Json(settings.Scale), "must be a finite number"));
        }

        var mean = settings.EffectiveMean;
        if (mean.Length != 3)
        {
            errors.Add(new ConfigError("Image.Mean", Json(mean), $"must hold 3 values, one per channel, not {mean.Length}"));
        }
        else if (mean.Any(m => !float.IsFinite(m)))
        {
            errors.Add(new ConfigError("Image.Mean", Json(mean), "every mean must be a finite number"));
        }

        var std = settings.EffectiveStd;
        if (std.Length != 3)
        {
            errors.Add(new ConfigError("Image.Std", Json(std), $"must hold 3 values, one per channel, not {std.Length}"));
        }
        else if (std.Any(s => !float.IsFinite(s) || s == 0f))
        {
            errors.Add(new ConfigError("Image.Std", Json(std), "every standard deviation must be a finite, non-zero number"));
        }

        return errors;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Json(float value) => ConfigValue.From(value).ToJson();

    private static string Json(ImmutableArray<float> values) => ConfigValue.FromArray(values.Select(v => ConfigValue.From(v))).ToJson();
}
