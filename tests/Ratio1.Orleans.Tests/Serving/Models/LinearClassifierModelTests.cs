using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>The linear classifier built in code computes Softmax(x·W + b) on ONNX Runtime.</summary>
public sealed class LinearClassifierModelTests
{
    private const int Features = 12;
    private const int Classes = 5;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16)]
    public void Linear_classifier_matches_the_reference_for_batch_sizes_1_to_16(int batch)
    {
        var model = SampleModels.LinearClassifier(Features, Classes, seed: 7);
        var input = OnnxInference.RandomValues(batch * Features, seed: batch, low: -1f);

        var (actual, shape) = OnnxInference.Run(model, input, [batch, Features]);

        Assert.Equal([batch, Classes], shape);
        OnnxInference.AssertClose(Reference(model, input, batch), actual);
    }

    [Fact]
    public void Linear_classifier_without_softmax_outputs_the_reference_logits()
    {
        var model = SampleModels.LinearClassifier(Features, Classes, seed: 7, softmax: false);
        var input = OnnxInference.RandomValues(3 * Features, seed: 3, low: -1f);

        var (actual, _) = OnnxInference.Run(model, input, [3, Features]);

        Assert.Equal(LinearClassifierModel.LogitsOutput, model.OutputName);
        OnnxInference.AssertClose(Reference(model, input, 3), actual);
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_another_seed_other_weights()
    {
        var first = SampleModels.LinearClassifier(Features, Classes, seed: 7);
        var again = SampleModels.LinearClassifier(Features, Classes, seed: 7);
        var other = SampleModels.LinearClassifier(Features, Classes, seed: 8);

        Assert.Equal(first.Bytes, again.Bytes);
        Assert.NotEqual(first.Weights, other.Weights);
    }

    private static float[] Reference(LinearClassifierModel model, float[] input, int batch)
    {
        var logits = ReferenceMath.AddRowBias(
            ReferenceMath.MatMul(input, batch, model.Features, model.Weights, model.Classes), model.Bias);
        return model.EndsInSoftmax ? ReferenceMath.Softmax(logits, model.Classes) : logits;
    }
}
