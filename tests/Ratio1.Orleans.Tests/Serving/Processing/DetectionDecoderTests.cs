using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Detector rows become scored boxes on the image that was sent.</summary>
public sealed class DetectionDecoderTests
{
    // Model input and image of the same size, so boxes come out in the model's own pixels.
    private static readonly ImageResize Same = ImageResize.None(100, 100);

    [Fact]
    public void A_row_scores_objectness_times_its_best_class_and_takes_that_class()
    {
        float[] rows = [50, 50, 20, 10, 0.8f, 0.1f, 0.5f, 0.4f];

        var box = Assert.Single(Decode(rows, 8, 0.25f, Same));

        Assert.Equal(new ScoredBox(1, 0.8f * 0.5f, 40, 45, 60, 55), box);
    }

    [Fact]
    public void A_row_scoring_exactly_the_threshold_is_kept_and_one_below_it_dropped()
    {
        float[] rows =
        [
            10, 10, 4, 4, 0.5f, 0.5f, // 0.25
            20, 20, 4, 4, 0.5f, 0.4f, // 0.2
        ];

        var box = Assert.Single(Decode(rows, 6, 0.25f, Same));

        Assert.Equal(0.25f, box.Score);
        Assert.Equal(8f, box.Left);
    }

    [Fact]
    public void A_confident_class_of_an_unlikely_object_is_dropped()
    {
        float[] rows = [10, 10, 4, 4, 0.1f, 1f];

        Assert.Empty(Decode(rows, 6, 0.25f, Same));
    }

    [Fact]
    public void Equal_class_scores_go_to_the_lower_class_index()
    {
        float[] rows = [10, 10, 4, 4, 1f, 0.2f, 0.6f, 0.6f];

        Assert.Equal(1, Assert.Single(Decode(rows, 8, 0.25f, Same)).ClassIndex);
    }

    [Fact]
    public void Boxes_are_scaled_from_model_pixels_back_to_the_image_that_was_sent()
    {
        // A 320 × 240 image fed to a 160 × 160 model: x × 2, y × 1.5.
        float[] rows = [80, 80, 40, 20, 1f, 1f];

        var box = Assert.Single(Decode(rows, 6, 0.25f, new ImageResize(320, 240, 160, 160)));

        Assert.Equal((120f, 105f, 200f, 135f), (box.Left, box.Top, box.Right, box.Bottom));
    }

    [Fact]
    public void Boxes_reaching_past_the_image_are_clamped_to_its_bounds()
    {
        float[] rows =
        [
            5, 95, 20, 20, 1f, 1f,   // past the left and bottom edges
            98, 2, 10, 10, 1f, 1f,   // past the right and top edges
        ];

        var boxes = Decode(rows, 6, 0.25f, Same);

        Assert.Equal((0f, 85f, 15f, 100f), (boxes[0].Left, boxes[0].Top, boxes[0].Right, boxes[0].Bottom));
        Assert.Equal((93f, 0f, 100f, 7f), (boxes[1].Left, boxes[1].Top, boxes[1].Right, boxes[1].Bottom));
    }

    [Fact]
    public void A_box_wholly_outside_the_image_is_dropped()
    {
        float[] rows = [150, 50, 20, 20, 1f, 1f];

        Assert.Empty(Decode(rows, 6, 0.25f, Same));
    }

    [Fact]
    public void A_row_of_NaN_is_dropped()
    {
        float[] rows = [float.NaN, 50, 20, 20, 1f, 1f, 50, 50, 20, 20, float.NaN, 1f];

        Assert.Empty(Decode(rows, 6, 0f, Same));
    }

    [Fact]
    public void Decoding_appends_to_the_boxes_already_held_and_counts_what_it_added()
    {
        var boxes = new List<ScoredBox> { new(9, 1f, 0, 0, 1, 1) };

        var added = DetectionDecoder.Decode([10, 10, 4, 4, 1f, 1f, 20, 20, 4, 4, 1f, 1f], 6, 0.5f, Same, boxes);

        Assert.Equal(2, added);
        Assert.Equal([9, 0, 0], boxes.Select(b => b.ClassIndex));
    }

    [Fact]
    public void Rows_without_a_class_score_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Decode([1, 1, 1, 1, 1], 5, 0.25f, Same));
    }

    [Fact]
    public void An_output_that_is_not_whole_rows_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Decode([1, 1, 1, 1, 1, 1, 1], 6, 0.25f, Same));
    }

    private static List<ScoredBox> Decode(float[] rows, int stride, float threshold, ImageResize resize)
    {
        var boxes = new List<ScoredBox>();
        DetectionDecoder.Decode(rows, stride, threshold, resize, boxes);
        return boxes;
    }
}
