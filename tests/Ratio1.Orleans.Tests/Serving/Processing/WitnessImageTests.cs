using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Witness images show each detection's box, in its class's colour, on a copy of the image.</summary>
public sealed class WitnessImageTests
{
    private static readonly RgbColor Black = new(0, 0, 0);

    [Fact]
    public async Task A_box_is_drawn_as_a_two_pixel_outline_just_inside_its_corners()
    {
        var image = Blank(12, 12);
        Detection[] detections = [new(0, "person", 0.9f, 2, 3, 8, 9)];

        var pixels = await FfmpegPng.DecodeAsync(WitnessImage.Png(image, detections));

        // Covered pixels: columns 2..7, rows 3..8; the outline is their outer two rings.
        var colour = ClassColors.For(0);
        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < 12; x++)
            {
                var inBox = x is >= 2 and <= 7 && y is >= 3 and <= 8;
                var inside = x is >= 4 and <= 5 && y is >= 5 and <= 6;
                Assert.True(Pixel(pixels, 12, x, y) == (inBox && !inside ? colour : Black), $"Pixel ({x}, {y}) is {Pixel(pixels, 12, x, y)}.");
            }
        }
    }

    [Fact]
    public void Fractional_corners_outline_every_pixel_the_box_touches()
    {
        var drawn = WitnessImage.Draw(Blank(10, 10), [new Detection(0, "a", 1f, 1.5f, 1.2f, 6.5f, 6.9f)]);

        // Covers columns 1..6 and rows 1..6.
        var colour = ClassColors.For(0);
        Assert.Equal(colour, Pixel(drawn.Rgb24, 10, 1, 1));
        Assert.Equal(colour, Pixel(drawn.Rgb24, 10, 6, 6));
        Assert.Equal(Black, Pixel(drawn.Rgb24, 10, 7, 6));
        Assert.Equal(Black, Pixel(drawn.Rgb24, 10, 3, 3));
    }

    [Fact]
    public void Boxes_of_different_classes_are_drawn_in_different_colours()
    {
        var drawn = WitnessImage.Draw(Blank(20, 10), [new Detection(0, "a", 0.9f, 0, 0, 5, 5), new Detection(1, "b", 0.8f, 10, 0, 15, 5)]);

        Assert.Equal(ClassColors.For(0), Pixel(drawn.Rgb24, 20, 0, 0));
        Assert.Equal(ClassColors.For(1), Pixel(drawn.Rgb24, 20, 10, 0));
        Assert.NotEqual(ClassColors.For(0), ClassColors.For(1));
    }

    [Fact]
    public void The_first_hundred_classes_each_have_their_own_colour()
    {
        var colours = Enumerable.Range(0, 100).Select(ClassColors.For).ToList();

        Assert.Equal(100, colours.Distinct().Count());
        Assert.DoesNotContain(Black, colours);
    }

    [Fact]
    public void The_strongest_box_is_drawn_over_weaker_ones_where_they_cross()
    {
        Detection strong = new(0, "a", 0.9f, 0, 0, 6, 6), weak = new(1, "b", 0.5f, 0, 0, 8, 8);

        var drawn = WitnessImage.Draw(Blank(10, 10), [strong, weak]);

        Assert.Equal(ClassColors.For(0), Pixel(drawn.Rgb24, 10, 0, 0));
        Assert.Equal(ClassColors.For(1), Pixel(drawn.Rgb24, 10, 7, 7));
    }

    [Fact]
    public void A_box_reaching_past_the_image_is_drawn_up_to_its_edges()
    {
        var drawn = WitnessImage.Draw(Blank(10, 10), [new Detection(0, "a", 1f, -5, -5, 100, 4)]);

        // The left, top and right sides fall outside; the bottom side (rows 2..3) stays.
        Assert.Equal(ClassColors.For(0), Pixel(drawn.Rgb24, 10, 9, 3));
        Assert.Equal(ClassColors.For(0), Pixel(drawn.Rgb24, 10, 5, 2));
        Assert.Equal(ClassColors.For(0), Pixel(drawn.Rgb24, 10, 0, 0));
        Assert.Equal(Black, Pixel(drawn.Rgb24, 10, 5, 4));
    }

    [Fact]
    public void A_box_wholly_outside_the_image_draws_nothing()
    {
        var drawn = WitnessImage.Draw(Blank(10, 10), [new Detection(0, "a", 1f, 20, 20, 30, 30), new Detection(0, "a", 1f, float.NaN, 0, 5, 5)]);

        Assert.All(drawn.Rgb24, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Drawing_leaves_the_sent_image_unchanged()
    {
        var image = Blank(8, 8);

        WitnessImage.Draw(image, [new Detection(0, "a", 1f, 0, 0, 8, 8)]);

        Assert.All(image.Rgb24, b => Assert.Equal(0, b));
    }

    [Fact]
    public void An_image_whose_pixels_do_not_match_its_size_is_rejected_naming_their_length()
    {
        var error = Assert.Throws<Ratio1.Orleans.Contracts.Errors.InvalidConfigException>(() => WitnessImage.Png(new InferenceImage(4, 4, new byte[40]), []));

        Assert.Equal(("Image.Rgb24.Length", "40"), (error.Field, error.Value));
    }

    private static InferenceImage Blank(int width, int height) => new(width, height, new byte[width * height * 3]);

    private static RgbColor Pixel(byte[] rgb, int width, int x, int y)
    {
        var at = (y * width + x) * 3;
        return new RgbColor(rgb[at], rgb[at + 1], rgb[at + 2]);
    }
}
