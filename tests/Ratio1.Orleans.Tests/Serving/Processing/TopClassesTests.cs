using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Top-k picks the best classes, best first, with their labels.</summary>
public sealed class TopClassesTests
{
    [Fact]
    public void Top_k_returns_the_best_classes_best_first_with_their_labels()
    {
        float[] scores = [0.1f, 0.5f, 0.05f, 0.3f, 0.05f];

        var top = TopClasses.Select(scores, 3, ["cat", "dog", "fox", "owl", "bee"]);

        Assert.Equal<ClassScore>([new ClassScore(1, "dog", 0.5f), new ClassScore(3, "owl", 0.3f), new ClassScore(0, "cat", 0.1f)], top);
    }

    [Fact]
    public void Top_k_breaks_ties_by_the_lower_class_index()
    {
        float[] scores = [0.2f, 0.4f, 0.2f, 0.4f, 0.2f];

        var top = TopClasses.Select(scores, 4, default);

        Assert.Equal([1, 3, 0, 2], top.Select(c => c.ClassIndex));
    }

    [Fact]
    public void A_class_without_a_label_is_named_by_its_index()
    {
        float[] scores = [0.1f, 0.2f, 0.7f];

        var top = TopClasses.Select(scores, 3, ["zero", ""]);

        Assert.Equal(["2", "1", "zero"], top.Select(c => c.Label));
    }

    [Fact]
    public void Top_k_beyond_the_class_count_returns_every_class()
    {
        var top = TopClasses.Select([0.3f, 0.7f], 5, default);

        Assert.Equal([1, 0], top.Select(c => c.ClassIndex));
    }

    [Fact]
    public void NaN_scores_rank_below_every_number()
    {
        var top = TopClasses.Select([float.NaN, -5f, float.NaN, 1f], 3, default);

        Assert.Equal([3, 1, 0], top.Select(c => c.ClassIndex));
    }

    [Fact]
    public void Top_k_over_many_classes_matches_a_full_sort()
    {
        var random = new Random(7);
        var scores = Enumerable.Range(0, 1000).Select(_ => (float)Math.Round(random.NextDouble(), 2)).ToArray();
        var expected = scores.Select((s, i) => (Score: s, Index: i)).OrderByDescending(p => p.Score).ThenBy(p => p.Index).Take(300).Select(p => p.Index);

        var top = TopClasses.Select(scores, 300, default);

        Assert.Equal(expected, top.Select(c => c.ClassIndex));
    }

    [Fact]
    public void Top_k_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopClasses.Select([1f], 0, default));
    }
}
