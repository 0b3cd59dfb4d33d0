namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// <c>image</c> float[batch, 3, Height, Width] → Conv(3→8, 3×3, pads 1) → Relu → MaxPool(2×2, stride 2) →
/// Conv(8→16, 3×3, pads 1) → Relu → GlobalAveragePool → Flatten → Gemm(16→Classes, transB = 1) →
/// <c>logits</c> float[batch, Classes]. Made by <see cref="SampleModels.ConvClassifier"/>.
/// </summary>
/// <param name="FirstConvWeights">[8, 3, 3, 3], row-major (output channel, input channel, kernel y, kernel x).</param>
/// <param name="FirstConvBias">[8].</param>
/// <param name="SecondConvWeights">[16, 8, 3, 3], row-major.</param>
/// <param name="SecondConvBias">[16].</param>
/// <param name="DenseWeights">[Classes, 16], row-major; the Gemm multiplies by its transpose.</param>
/// <param name="DenseBias">[Classes].</param>
public sealed record ConvClassifierModel(
    byte[] Bytes,
    int Height,
    int Width,
    int Classes,
    float[] FirstConvWeights,
    float[] FirstConvBias,
    float[] SecondConvWeights,
    float[] SecondConvBias,
    float[] DenseWeights,
    float[] DenseBias)
    : SampleModel(
        Bytes,
        ConvClassifierModel.Input,
        ConvClassifierModel.Output,
        [-1, ConvClassifierModel.InputChannels, Height, Width],
        [-1, Classes])
{
    /// <summary>The input's name.</summary>
    public const string Input = "image";

    /// <summary>The output's name.</summary>
    public const string Output = "logits";

    /// <summary>Channels of the input image (RGB).</summary>
    public const int InputChannels = 3;

    /// <summary>Output channels of the first convolution.</summary>
    public const int FirstConvChannels = 8;

    /// <summary>Output channels of the second convolution, and so the features the dense layer reads.</summary>
    public const int SecondConvChannels = 16;

    /// <summary>Both convolutions' square kernel size.</summary>
    public const int KernelSize = 3;
}
