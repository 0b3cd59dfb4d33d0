using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>The grid detector built in code scores each 8×8 cell's brightness and colour in its documented layout.</summary>
public sealed class GridDetectorModelTests
{
    private const int Size = GridDetectorModel.ImageSize;
    private const int Grid = GridDetectorModel.GridSize;
    private const int Row = GridDetectorModel.RowLength;
    private const int Objectness = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(16)]
    public void Detector_matches_the_reference_for_batch_sizes_1_to_16(int batch)
    {
        var model = SampleModels.GridDetector();
        var input = OnnxInference.RandomValues(batch * 3 * Size * Size, seed: batch);

        var (actual, shape) = OnnxInference.Run(model, input, [batch, 3, Size, Size]);

        Assert.Equal([batch, GridDetectorModel.CellCount, Row], shape);
        OnnxInference.AssertClose(Reference(model, input, batch), actual);
    }

    [Fact]
    public void Detector_finds_a_red_square_in_its_cell_and_nowhere_else()
    {
        const int cx = 5, cy = 2;
        var image = new float[3 * Size * Size];
        PaintCell(image, cx, cy, red: 1, green: 0, blue: 0);

        var (detections, _) = OnnxInference.Run(SampleModels.GridDetector(), image, [1, 3, Size, Size]);

        var row = detections.AsSpan((cy * Grid + cx) * Row, Row).ToArray();
        Assert.Equal([cx * 8 + 4f, cy * 8 + 4f, 8f, 8f], row[..4]);
        Assert.True(row[Objectness] > 0.9f, $"objectness {row[Objectness]}");
        Assert.True(row[5] > 0.9f, $"red {row[5]}");
        Assert.True(row[6] < 0.1f && row[7] < 0.1f, $"green {row[6]}, blue {row[7]}");
        for (var cell = 0; cell < GridDetectorModel.CellCount; cell++)
        {
            if (cell != cy * Grid + cx)
            {
                Assert.True(detections[cell * Row + Objectness] < 0.1f, $"cell {cell}: {detections[cell * Row + Objectness]}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Detector_scores_a_pure_colour_square_highest_for_its_own_label(int label)
    {
        var image = new float[3 * Size * Size];
        PaintCell(image, 7, 7, label == 0 ? 1 : 0, label == 1 ? 1 : 0, label == 2 ? 1 : 0);

        var (detections, _) = OnnxInference.Run(SampleModels.GridDetector(), image, [1, 3, Size, Size]);

        var scores = detections.AsSpan(63 * Row + 5, 3).ToArray();
        Assert.Equal(label, Array.IndexOf(scores, scores.Max()));
        Assert.True(scores[label] > 0.9f, $"{GridDetectorModel.Labels[label]} {scores[label]}");
    }

    [Fact]
    public void Detector_finds_no_object_in_a_blank_image()
    {
        var (detections, _) = OnnxInference.Run(
            SampleModels.GridDetector(), new float[2 * 3 * Size * Size], [2, 3, Size, Size]);

        for (var cell = 0; cell < 2 * GridDetectorModel.CellCount; cell++)
        {
            Assert.True(detections[cell * Row + Objectness] < 0.1f, $"cell {cell}: {detections[cell * Row + Objectness]}");
        }
    }

    private static void PaintCell(float[] image, int cx, int cy, float red, float green, float blue)
    {
        float[] colour = [red, green, blue];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var y = cy * 8; y < cy * 8 + 8; y++)
            {
                for (var x = cx * 8; x < cx * 8 + 8; x++)
                {
                    image[(channel * Size + y) * Size + x] = colour[channel];
                }
            }
        }
    }

    private static float[] Reference(GridDetectorModel model, float[] input, int batch)
    {
        var means = ReferenceMath.AveragePool(input, batch, 3, Size, Size, kernel: 8, stride: 8, out _, out _);
        var result = new float[batch * GridDetectorModel.CellCount * Row];
        for (var n = 0; n < batch; n++)
        {
            for (var cy = 0; cy < Grid; cy++)
            {
                for (var cx = 0; cx < Grid; cx++)
                {
                    var cell = cy * Grid + cx;
                    var rgb = Enumerable.Range(0, 3).Select(c => means[(n * 3 + c) * Grid * Grid + cell]).ToArray();
                    var at = (n * GridDetectorModel.CellCount + cell) * Row;
                    result[at] = cx * 8 + 4;
                    result[at + 1] = cy * 8 + 4;
                    result[at + 2] = 8;
                    result[at + 3] = 8;
                    result[at + 4] = model.ObjectnessGain * rgb.Sum() / 3 - model.ObjectnessBias;
                    for (var label = 0; label < 3; label++)
                    {
                        result[at + 5 + label] =
                            model.ClassGain * (rgb[label] - (rgb.Sum() - rgb[label]) / 2) - model.ClassBias;
                    }

                    ReferenceMath.Sigmoid(result[(at + 4)..(at + 8)]).CopyTo(result, at + 4);
                }
            }
        }

        return result;
    }
}
