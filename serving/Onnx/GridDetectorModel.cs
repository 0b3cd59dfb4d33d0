namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// A detector-shaped model with a fixed, known output: it marks each 8×8-pixel cell of a 64×64 RGB image that is
/// bright, and says which primary colour dominates it. Made by <see cref="SampleModels.GridDetector"/>.
/// </summary>
/// <remarks>
/// <para>Input <c>image</c>: float[batch, 3, 64, 64], RGB, pixel values scaled to 0..1.</para>
/// <para>Output <c>detections</c>: float[batch, 64, 8]. Row <c>cy * 8 + cx</c> is the cell in grid column
/// <c>cx</c> and row <c>cy</c> (each 0..7) and holds, in order:</para>
/// <list type="number">
/// <item>centre x in input pixels: <c>cx * 8 + 4</c>;</item>
/// <item>centre y in input pixels: <c>cy * 8 + 4</c>;</item>
/// <item>width: 8;</item>
/// <item>height: 8;</item>
/// <item>objectness: <c>Sigmoid(ObjectnessGain * (r + g + b) / 3 - ObjectnessBias)</c>;</item>
/// <item>score of "red": <c>Sigmoid(ClassGain * (r - (g + b) / 2) - ClassBias)</c>;</item>
/// <item>score of "green": likewise with g;</item>
/// <item>score of "blue": likewise with b;</item>
/// </list>
/// <para>where r, g, b are the cell's mean channel values. With the defaults a pure red cell scores objectness 0.98 and
/// red 0.998, and a black cell objectness 0.018.</para>
/// <para>Graph: AveragePool(8×8, stride 8) → [batch, 3, 8, 8]; a 1×1 Conv and Sigmoid give the four score channels;
/// a zero-weight 1×1 Conv plus a constant grid gives the four box channels; Concat → [batch, 8, 8, 8];
/// Reshape → [batch, 8, 64]; Transpose → [batch, 64, 8].</para>
/// </remarks>
public sealed record GridDetectorModel(
    byte[] Bytes,
    float ObjectnessGain,
    float ObjectnessBias,
    float ClassGain,
    float ClassBias)
    : SampleModel(
        Bytes,
        GridDetectorModel.Input,
        GridDetectorModel.Output,
        [-1, 3, GridDetectorModel.ImageSize, GridDetectorModel.ImageSize],
        [-1, GridDetectorModel.CellCount, GridDetectorModel.RowLength])
{
    /// <summary>The input's name.</summary>
    public const string Input = "image";

    /// <summary>The output's name.</summary>
    public const string Output = "detections";

    /// <summary>The input image's width and height in pixels.</summary>
    public const int ImageSize = 64;

    /// <summary>A cell's width and height in pixels.</summary>
    public const int CellSize = 8;

    /// <summary>Cells along each side of the image.</summary>
    public const int GridSize = ImageSize / CellSize;

    /// <summary>Rows of the output: one per cell.</summary>
    public const int CellCount = GridSize * GridSize;

    /// <summary>Values in an output row: the box (4), objectness, then one score per class.</summary>
    public const int RowLength = 5 + 3;

    /// <summary>Class labels in score order.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["red", "green", "blue"];
}
