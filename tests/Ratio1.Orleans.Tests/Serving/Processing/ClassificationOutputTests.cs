using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>A classifier's output becomes its best classes.</summary>
public sealed class ClassificationOutputTests
{
    [Fact]
    public void Logits_are_reported_as_probabilities_of_the_top_classes()
    {
        float[] logits = [0f, 2f, 1f];
        var sum = Math.Exp(0) + Math.Exp(2) + Math.Exp(1);

        var top = ClassificationOutput.Read(logits, new PostprocessSettings(TopK: 2), ["a", "b", "c"]);

        Assert.Equal(["b", "c"], top.Select(c => c.Label));
        Assert.Equal(Math.Exp(2) / sum, top[0].Score, 5);
        Assert.Equal(Math.Exp(1) / sum, top[1].Score, 5);
        Assert.Equal([0f, 2f, 1f], logits);
    }

    [Fact]
    public void Scores_of_a_model_that_ends_in_softmax_are_reported_as_they_are()
    {
        var top = ClassificationOutput.Read([0.2f, 0.8f], new PostprocessSettings(Softmax: false, TopK: 1), default);

        Assert.Equal<ClassScore>([new ClassScore(1, "1", 0.8f)], top);
    }
}
