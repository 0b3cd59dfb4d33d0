using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Softmax turns logits into probabilities, stably.</summary>
public sealed class SoftmaxTests
{
    [Fact]
    public void Softmax_matches_the_exponential_over_its_sum_and_sums_to_one()
    {
        float[] values = [1f, 2f, 3f, -1f];
        var sum = values.Sum(v => Math.Exp(v));
        var expected = values.Select(v => (float)(Math.Exp(v) / sum)).ToArray();

        Softmax.Apply(values);

        Assert.Equal(expected, values, (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Equal(1.0, values.Sum(v => (double)v), 5);
    }

    [Fact]
    public void Softmax_of_large_logits_is_finite_and_equals_that_of_the_logits_shifted_down()
    {
        float[] large = [1000f, 1001f, 1002f];
        float[] small = [0f, 1f, 2f];

        Softmax.Apply(large);
        Softmax.Apply(small);

        Assert.All(large, p => Assert.True(float.IsFinite(p)));
        Assert.Equal(small, large, (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Equal(1.0, large.Sum(v => (double)v), 5);
    }

    [Fact]
    public void Softmax_of_very_negative_logits_does_not_vanish()
    {
        float[] values = [-1000f, -1000f];

        Softmax.Apply(values);

        Assert.Equal([0.5f, 0.5f], values);
    }

    [Fact]
    public void Softmax_into_a_destination_leaves_the_logits_unchanged()
    {
        float[] logits = [0f, 0f, 0f, 0f];
        var probabilities = new float[4];

        Softmax.Apply(logits, probabilities);

        Assert.Equal([0f, 0f, 0f, 0f], logits);
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f], probabilities);
    }

    [Fact]
    public void An_infinite_logit_takes_all_the_probability()
    {
        float[] values = [1f, float.PositiveInfinity, 3f];

        Softmax.Apply(values);

        Assert.Equal([0f, 1f, 0f], values);
    }

    [Fact]
    public void A_NaN_logit_makes_every_probability_NaN()
    {
        float[] values = [1f, float.NaN, 3f];

        Softmax.Apply(values);

        Assert.All(values, p => Assert.True(float.IsNaN(p)));
    }
}
