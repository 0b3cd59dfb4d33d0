namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// <c>x</c> float[batch, Features] → <c>Softmax(MatMul(x, W) + b, axis = -1)</c> named <c>probabilities</c>, or without
/// the softmax named <c>logits</c>; float[batch, Classes]. Made by <see cref="SampleModels.LinearClassifier"/>.
/// </summary>
/// <param name="Weights">W, row-major [Features, Classes].</param>
/// <param name="Bias">b, [Classes].</param>
/// <param name="EndsInSoftmax">Whether the output is probabilities (true) or logits.</param>
public sealed record LinearClassifierModel(
    byte[] Bytes,
    int Features,
    int Classes,
    float[] Weights,
    float[] Bias,
    bool EndsInSoftmax)
    : SampleModel(
        Bytes,
        LinearClassifierModel.Input,
        EndsInSoftmax ? LinearClassifierModel.ProbabilitiesOutput : LinearClassifierModel.LogitsOutput,
        [-1, Features],
        [-1, Classes])
{
    /// <summary>The input's name.</summary>
    public const string Input = "x";

    /// <summary>The output's name when the model ends in a softmax.</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>The output's name when it does not.</summary>
    public const string LogitsOutput = "logits";
}
