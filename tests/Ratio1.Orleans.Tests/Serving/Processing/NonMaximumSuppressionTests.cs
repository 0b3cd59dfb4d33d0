using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Greedy per-class NMS keeps the strongest of overlapping boxes.</summary>
public sealed class NonMaximumSuppressionTests
{
    [Fact]
    public void Nms_keeps_the_stronger_of_two_overlapping_boxes_of_one_class()
    {
        ScoredBox weak = new(0, 0.6f, 1, 1, 11, 11), strong = new(0, 0.9f, 0, 0, 10, 10);

        Assert.Equal([strong], Suppress([weak, strong], 0.45f, 100));
    }

    [Fact]
    public void Nms_never_lets_boxes_of_different_classes_suppress_each_other()
    {
        ScoredBox person = new(0, 0.9f, 0, 0, 10, 10), dog = new(1, 0.6f, 0, 0, 10, 10);

        Assert.Equal([person, dog], Suppress([dog, person], 0.45f, 100));
    }

    [Fact]
    public void Nms_keeps_a_box_whose_overlap_equals_the_threshold()
    {
        // Intersection 2, union 4: IoU exactly 0.5.
        ScoredBox first = new(0, 0.9f, 0, 0, 3, 1), second = new(0, 0.8f, 1, 0, 4, 1);

        Assert.Equal(0.5f, first.IntersectionOverUnion(second));
        Assert.Equal([first, second], Suppress([first, second], 0.5f, 100));
    }

    [Fact]
    public void Nms_suppresses_a_box_whose_overlap_exceeds_the_threshold()
    {
        ScoredBox first = new(0, 0.9f, 0, 0, 3, 1), second = new(0, 0.8f, 1, 0, 4, 1);

        Assert.Equal([first], Suppress([first, second], 0.49f, 100));
    }

    [Fact]
    public void Nms_keeps_boxes_that_do_not_overlap()
    {
        ScoredBox left = new(0, 0.5f, 0, 0, 10, 10), right = new(0, 0.7f, 10, 0, 20, 10);

        Assert.Equal([right, left], Suppress([left, right], 0f, 100));
    }

    [Fact]
    public void A_suppressed_box_does_not_suppress_others_in_turn()
    {
        // a overlaps b, b overlaps c, a does not overlap c: greedy keeps a and c.
        ScoredBox a = new(0, 0.9f, 0, 0, 10, 10), b = new(0, 0.8f, 4, 0, 14, 10), c = new(0, 0.7f, 10, 0, 20, 10);

        Assert.Equal([a, c], Suppress([c, b, a], 0.3f, 100));
    }

    [Fact]
    public void Nms_keeps_at_most_the_maximum_number_of_detections_the_strongest_first()
    {
        var boxes = Enumerable.Range(0, 10).Select(i => new ScoredBox(0, i / 10f, i * 20, 0, i * 20 + 10, 10)).ToArray();

        var kept = Suppress(boxes, 0.45f, 3);

        Assert.Equal([0.9f, 0.8f, 0.7f], kept.Select(b => b.Score));
    }

    [Fact]
    public void Nms_orders_the_same_boxes_the_same_way_whatever_order_they_come_in()
    {
        var boxes = Enumerable.Range(0, 40)
            .Select(i => new ScoredBox(i % 3, (i % 5) / 5f + 0.1f, i * 7 % 50, i * 3 % 40, i * 7 % 50 + 12, i * 3 % 40 + 9))
            .ToArray();
        var shuffled = boxes.ToArray();
        new Random(3).Shuffle(shuffled);

        var fromOrdered = Suppress(boxes, 0.4f, 100);
        var fromShuffled = Suppress(shuffled, 0.4f, 100);

        Assert.Equal(fromOrdered, fromShuffled);
        Assert.Equal(fromOrdered.OrderByDescending(b => b.Score).Select(b => b.Score), fromOrdered.Select(b => b.Score));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.1f)]
    [InlineData(float.NaN)]
    public void An_IoU_threshold_outside_zero_to_one_is_rejected(float threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Suppress([new(0, 1f, 0, 0, 1, 1)], threshold, 10));
    }

    private static ScoredBox[] Suppress(ScoredBox[] boxes, float iouThreshold, int maxDetections)
    {
        var kept = NonMaximumSuppression.Apply(boxes, iouThreshold, maxDetections);
        return boxes[..kept];
    }
}
