using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Images become NCHW tensors: bilinear resize with half-pixel centres, scale, per-channel normalisation.</summary>
public sealed class ImagePreprocessorTests
{
    private const float Tolerance = 1e-4f;

    // Raw pixel values out: no scaling, no normalisation, so resampled values can be checked by hand.
    private static readonly ImageSettings Raw = new(Scale: 1f);

    [Fact]
    public void Upscaling_a_row_interpolates_between_half_pixel_centres()
    {
        // 2 × 1 → 4 × 1: output centres fall at source x = -0.25 (edge), 0.25, 0.75, 1.25 (edge).
        byte[] rgb = [0, 40, 200, 100, 80, 0];
        var tensor = Write(Raw, 4, 1, 2, 1, rgb);

        AssertValues([0, 25, 75, 100], tensor[0..4]);
        AssertValues([40, 50, 70, 80], tensor[4..8]);
        AssertValues([200, 150, 50, 0], tensor[8..12]);
    }

    [Fact]
    public void Downscaling_a_row_by_two_averages_each_pair_of_pixels()
    {
        // 4 × 1 → 2 × 1: output centres fall at source x = 0.5 and 2.5.
        byte[] rgb = [0, 0, 0, 10, 10, 10, 20, 20, 20, 40, 40, 40];
        var tensor = Write(Raw, 2, 1, 4, 1, rgb);

        AssertValues([5, 30, 5, 30, 5, 30], tensor);
    }

    [Fact]
    public void Upscaling_a_square_blends_four_pixels_at_the_centre_and_keeps_the_corners()
    {
        // 2 × 2 → 3 × 3 (red channel only matters): centres fall at source -1/6 (edge), 1/2, 7/6 (edge) on each axis.
        byte[] rgb = [0, 0, 0, 60, 0, 0, 120, 0, 0, 240, 0, 0];
        var red = Write(Raw, 3, 3, 2, 2, rgb)[0..9];

        AssertValues(
            [
                0, 30, 60,
                60, 105, 150,
                120, 180, 240,
            ],
            red);
    }

    [Theory]
    [InlineData(37, 23, 1500, 40)] // wider than the column tables kept on the stack
    [InlineData(50, 31, 16, 9)]
    [InlineData(1, 1, 5, 3)]
    public void Every_resized_value_is_the_bilinear_blend_of_its_four_nearest_source_pixels(int width, int height, int targetWidth, int targetHeight)
    {
        var rgb = new byte[width * height * 3];
        new Random(5).NextBytes(rgb);

        var tensor = Write(Raw, targetWidth, targetHeight, width, height, rgb);

        var plane = targetWidth * targetHeight;
        for (var y = 0; y < targetHeight; y++)
        {
            for (var x = 0; x < targetWidth; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var expected = Bilinear(rgb, width, height, c, (x + 0.5) * width / targetWidth - 0.5, (y + 0.5) * height / targetHeight - 0.5);
                    var actual = tensor[c * plane + y * targetWidth + x];
                    Assert.True(Math.Abs(expected - actual) <= 1e-3, $"At ({x}, {y}, {c}): expected {expected}, got {actual}.");
                }
            }
        }
    }

    [Fact]
    public void An_image_of_the_model_size_is_copied_into_channel_planes_unchanged()
    {
        byte[] rgb = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        var tensor = Write(Raw, 2, 2, 2, 2, rgb);

        AssertValues([1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12], tensor);
    }

    [Fact]
    public void Pixels_are_scaled_then_normalised_by_each_channel_mean_and_standard_deviation()
    {
        var settings = new ImageSettings(Scale: 1f / 255f, Mean: [0.485f, 0.456f, 0.406f], Std: [0.229f, 0.224f, 0.225f]);
        var tensor = Write(settings, 1, 1, 1, 1, [255, 128, 0]);

        AssertValues([(1f - 0.485f) / 0.229f, (128f / 255f - 0.456f) / 0.224f, (0f - 0.406f) / 0.225f], tensor);
    }

    [Fact]
    public void Default_settings_scale_pixels_to_the_unit_range()
    {
        var tensor = Write(ImageSettings.Default, 1, 1, 1, 1, [255, 51, 0]);

        AssertValues([1f, 0.2f, 0f], tensor);
    }

    [Fact]
    public void A_BGR_model_gets_the_blue_plane_first_normalised_by_its_own_channel_order()
    {
        var settings = new ImageSettings(Scale: 1f, Mean: [1f, 2f, 3f], Std: [1f, 2f, 4f], Bgr: true);
        var tensor = Write(settings, 1, 1, 1, 1, [10, 20, 30]);

        AssertValues([(30f - 1f) / 1f, (20f - 2f) / 2f, (10f - 3f) / 4f], tensor);
    }

    [Fact]
    public void A_BGR_model_gets_resized_planes_in_BGR_order()
    {
        byte[] rgb = [0, 40, 200, 100, 80, 0];
        var tensor = Write(Raw with { Bgr = true }, 4, 1, 2, 1, rgb);

        AssertValues([200, 150, 50, 0], tensor[0..4]);
        AssertValues([0, 25, 75, 100], tensor[8..12]);
    }

    [Fact]
    public void Writing_reports_the_scale_that_maps_model_pixels_back_to_the_image()
    {
        var preprocessor = new ImagePreprocessor(ImageSettings.Default, 320, 320);

        var resize = preprocessor.Write(640, 480, new byte[640 * 480 * 3], new float[preprocessor.TensorLength]);

        Assert.Equal(new ImageResize(640, 480, 320, 320), resize);
        Assert.Equal(2f, resize.ScaleX);
        Assert.Equal(1.5f, resize.ScaleY);
        Assert.False(resize.IsIdentity);
    }

    [Fact]
    public void An_inference_image_is_written_like_its_pixels()
    {
        var preprocessor = new ImagePreprocessor(Raw, 4, 1);
        var tensor = new float[preprocessor.TensorLength];

        var resize = preprocessor.Write(new InferenceImage(2, 1, [0, 40, 200, 100, 80, 0]), tensor);

        Assert.Equal(new ImageResize(2, 1, 4, 1), resize);
        AssertValues([0, 25, 75, 100], tensor[0..4]);
    }

    [Fact]
    public void A_pixel_buffer_of_the_wrong_length_is_rejected_naming_its_length()
    {
        var preprocessor = new ImagePreprocessor(ImageSettings.Default, 2, 2);

        var error = Assert.Throws<InvalidConfigException>(() => preprocessor.Write(3, 2, new byte[17], new float[preprocessor.TensorLength]));

        Assert.Equal("Image.Rgb24.Length", error.Field);
        Assert.Equal("17", error.Value);
        Assert.Contains("18 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 2, "Image.Width", "0")]
    [InlineData(2, -1, "Image.Height", "-1")]
    public void An_image_without_a_positive_size_is_rejected_naming_the_size(int width, int height, string field, string value)
    {
        var preprocessor = new ImagePreprocessor(ImageSettings.Default, 2, 2);

        var error = Assert.Throws<InvalidConfigException>(() => preprocessor.Write(width, height, [], new float[preprocessor.TensorLength]));

        Assert.Equal((field, value), (error.Field, error.Value));
    }

    [Fact]
    public void A_zero_standard_deviation_is_rejected_naming_the_setting_and_its_values()
    {
        var settings = new ImageSettings(Std: [1f, 0f, 1f]);

        var error = Assert.Throws<InvalidConfigException>(() => new ImagePreprocessor(settings, 2, 2));

        Assert.Equal("Image.Std", error.Field);
        Assert.Equal("[1.0,0.0,1.0]", error.Value);
    }

    [Fact]
    public void A_mean_without_one_value_per_channel_is_rejected()
    {
        var settings = new ImageSettings(Mean: [0.5f, 0.5f]);

        var error = Assert.Throws<InvalidConfigException>(() => new ImagePreprocessor(settings, 2, 2));

        Assert.Equal(("Image.Mean", "[0.5,0.5]"), (error.Field, error.Value));
    }

    [Fact]
    public void A_destination_that_is_not_one_tensor_long_is_rejected()
    {
        var preprocessor = new ImagePreprocessor(ImageSettings.Default, 2, 2);

        Assert.Throws<ArgumentException>(() => preprocessor.Write(2, 2, new byte[12], new float[11]));
    }

    private static float[] Write(ImageSettings settings, int targetWidth, int targetHeight, int width, int height, byte[] rgb)
    {
        var preprocessor = new ImagePreprocessor(settings, targetWidth, targetHeight);
        var tensor = new float[preprocessor.TensorLength];
        preprocessor.Write(width, height, rgb, tensor);
        return tensor;
    }

    // The textbook formula, position by position: clamp the sample point into the image, blend the four pixels around it.
    private static double Bilinear(byte[] rgb, int width, int height, int channel, double sx, double sy)
    {
        sx = Math.Clamp(sx, 0, width - 1);
        sy = Math.Clamp(sy, 0, height - 1);
        int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
        int x1 = Math.Min(x0 + 1, width - 1), y1 = Math.Min(y0 + 1, height - 1);
        double fx = sx - x0, fy = sy - y0;
        double At(int x, int y) => rgb[(y * width + x) * 3 + channel];
        return (At(x0, y0) * (1 - fx) + At(x1, y0) * fx) * (1 - fy) + (At(x0, y1) * (1 - fx) + At(x1, y1) * fx) * fy;
    }

    private static void AssertValues(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"At {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }
}
