using Ratio1.Orleans.Serving.Onnx;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Silo.Models;

/// <summary>
/// <c>models sample &lt;dir&gt;</c>: writes the sample ONNX models (built in code, nothing downloaded) and a test
/// image, to try serving with: a linear classifier (raw tensors), a small convolutional image classifier and a
/// colour detector, with their label files.
/// </summary>
public static class SampleModelsCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args is not ["sample", var directory])
        {
            await output.WriteLineAsync("usage: Ratio1.Orleans.Silo models sample <dir>");
            return 2;
        }

        var folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(folder);
        SampleModels.LinearClassifier(features: 4, classes: 3).Save(Path.Combine(folder, "linear-classifier.onnx"));
        await File.WriteAllLinesAsync(Path.Combine(folder, "linear-classifier.labels"), ["low", "medium", "high"], cancellationToken);
        SampleModels.ConvClassifier(classes: 10).Save(Path.Combine(folder, "conv-classifier.onnx"));
        await File.WriteAllLinesAsync(Path.Combine(folder, "conv-classifier.labels"), Enumerable.Range(0, 10).Select(i => $"class-{i}"), cancellationToken);
        SampleModels.GridDetector().Save(Path.Combine(folder, "color-detector.onnx"));
        await File.WriteAllLinesAsync(Path.Combine(folder, "color-detector.labels"), GridDetectorModel.Labels, cancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder, "red-square.png"), RedSquare(), cancellationToken);

        await output.WriteLineAsync($"wrote sample models to {folder}:");
        await output.WriteLineAsync("  linear-classifier.onnx  x float32[?,4] -> probabilities float32[?,3]   (profile raw)");
        await output.WriteLineAsync("  conv-classifier.onnx    image float32[?,3,32,32] -> logits float32[?,10] (profile image-classification)");
        await output.WriteLineAsync("  color-detector.onnx     image float32[?,3,64,64] -> detections float32[?,64,8] (profile object-detection)");
        await output.WriteLineAsync("  red-square.png          a 64x64 picture with a red square, for the detector");
        await output.WriteLineAsync("add one to a running node and try it, e.g.:");
        await output.WriteLineAsync($"  r1ctl models add <node> detector {Path.Combine(folder, "color-detector.onnx")} --profile object-detection --labels @{Path.Combine(folder, "color-detector.labels")}");
        await output.WriteLineAsync($"  r1ctl infer <node> detector --image {Path.Combine(folder, "red-square.png")}");
        return 0;
    }

    // Black 64x64 with a pure red 8x8 square on the detector's grid cell (2, 5).
    private static byte[] RedSquare()
    {
        const int size = GridDetectorModel.ImageSize;
        var pixels = new byte[size * size * 3];
        for (var y = 40; y < 48; y++)
        {
            for (var x = 16; x < 24; x++)
            {
                pixels[((y * size) + x) * 3] = 255;
            }
        }

        return PngEncoder.Encode(size, size, pixels);
    }
}
