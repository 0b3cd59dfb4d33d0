using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>The convolutional classifier built in code computes its declared layers on ONNX Runtime.</summary>
public sealed class ConvClassifierModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16)]
    public void Conv_classifier_matches_the_reference_for_batch_sizes_1_to_16(int batch)
    {
        var model = SampleModels.ConvClassifier(classes: 10, seed: 3);
        var input = OnnxInference.RandomValues(batch * 3 * 32 * 32, seed: batch);

        var (actual, shape) = OnnxInference.Run(model, input, [batch, 3, 32, 32]);

        Assert.Equal([batch, 10], shape);
        OnnxInference.AssertClose(Reference(model, input, batch), actual);
    }

    [Fact]
    public void Conv_classifier_on_an_odd_sized_image_drops_the_last_row_and_column_in_the_pool_like_the_reference()
    {
        var model = SampleModels.ConvClassifier(classes: 4, seed: 5, height: 15, width: 20);
        var input = OnnxInference.RandomValues(2 * 3 * 15 * 20, seed: 11);

        var (actual, shape) = OnnxInference.Run(model, input, [2, 3, 15, 20]);

        Assert.Equal([2, 4], shape);
        OnnxInference.AssertClose(Reference(model, input, 2), actual);
    }

    [Fact]
    public void Conv_classifier_logits_differ_between_images()
    {
        // Guards the reference comparison against a model whose ReLUs zero everything, which would match trivially.
        var model = SampleModels.ConvClassifier(classes: 10, seed: 3);
        var input = OnnxInference.RandomValues(2 * 3 * 32 * 32, seed: 2, low: -1f);

        var (actual, _) = OnnxInference.Run(model, input, [2, 3, 32, 32]);

        Assert.Contains(actual.Take(10).Zip(actual.Skip(10)), pair => Math.Abs(pair.First - pair.Second) > 1e-3);
        Assert.True(actual.Take(10).Max() - actual.Take(10).Min() > 1e-2);
    }

    private static float[] Reference(ConvClassifierModel model, float[] input, int batch)
    {
        const int k = ConvClassifierModel.KernelSize;
        var first = ReferenceMath.Relu(ReferenceMath.Conv(
            input, batch, 3, model.Height, model.Width,
            model.FirstConvWeights, model.FirstConvBias, ConvClassifierModel.FirstConvChannels, k, pad: 1,
            out var height, out var width));
        var pooled = ReferenceMath.MaxPool(
            first, batch, ConvClassifierModel.FirstConvChannels, height, width, kernel: 2, stride: 2,
            out height, out width);
        var second = ReferenceMath.Relu(ReferenceMath.Conv(
            pooled, batch, ConvClassifierModel.FirstConvChannels, height, width,
            model.SecondConvWeights, model.SecondConvBias, ConvClassifierModel.SecondConvChannels, k, pad: 1,
            out height, out width));
        var features = ReferenceMath.GlobalAveragePool(
            second, batch, ConvClassifierModel.SecondConvChannels, height, width);
        return ReferenceMath.Dense(
            features, batch, ConvClassifierModel.SecondConvChannels, model.DenseWeights, model.DenseBias);
    }
}
