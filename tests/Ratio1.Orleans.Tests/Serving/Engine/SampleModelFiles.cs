using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Onnx;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Engine;

/// <summary>The sample models written once to a scratch folder, with what a reference computation needs.</summary>
public sealed class SampleModelFiles : IDisposable
{
    public SampleModelFiles()
    {
        Directory.CreateDirectory(Folder);
        Linear.Save(LinearPath);
        Conv.Save(ConvPath);
        Detector.Save(DetectorPath);
        File.WriteAllBytes(CorruptPath, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))]);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "r1-models-" + Guid.NewGuid().ToString("N")[..8]);

    public LinearClassifierModel Linear { get; } = SampleModels.LinearClassifier(features: 4, classes: 3, seed: 7);

    public ConvClassifierModel Conv { get; } = SampleModels.ConvClassifier(classes: 4, seed: 3);

    public GridDetectorModel Detector { get; } = SampleModels.GridDetector();

    public string LinearPath => Path.Combine(Folder, "linear.onnx");

    public string ConvPath => Path.Combine(Folder, "conv.onnx");

    public string DetectorPath => Path.Combine(Folder, "detector.onnx");

    public string CorruptPath => Path.Combine(Folder, "corrupt.onnx");

    public ModelDeclaration LinearDeclaration(string name, string version = "1") => new(name, version, LinearPath, Labels: ["low", "medium", "high"]);

    public ModelDeclaration DetectorDeclaration(string name) =>
        new(name, "1", DetectorPath, ModelProfile.ObjectDetection, Labels: [.. GridDetectorModel.Labels]);

    public ModelDeclaration ConvDeclaration(string name) =>
        new(name, "1", ConvPath, ModelProfile.ImageClassification, Labels: ["a", "b", "c", "d"]);

    /// <summary>softmax(x·W + b) of the linear sample, computed here.</summary>
    public float[] LinearReference(float[] x)
    {
        var logits = new float[Linear.Classes];
        for (var c = 0; c < Linear.Classes; c++)
        {
            logits[c] = Linear.Bias[c];
            for (var f = 0; f < Linear.Features; f++)
            {
                logits[c] += x[f] * Linear.Weights[(f * Linear.Classes) + c];
            }
        }

        Softmax.Apply(logits);
        return logits;
    }

    /// <summary>A black image of the detector's size with pure-colour 8x8 squares in the given grid cells.</summary>
    public static InferenceImage Squares(params (int CellX, int CellY, byte R, byte G, byte B)[] squares)
    {
        const int size = GridDetectorModel.ImageSize;
        var pixels = new byte[size * size * 3];
        foreach (var (cx, cy, r, g, b) in squares)
        {
            for (var y = cy * 8; y < (cy * 8) + 8; y++)
            {
                for (var x = cx * 8; x < (cx * 8) + 8; x++)
                {
                    var i = ((y * size) + x) * 3;
                    (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
                }
            }
        }

        return new InferenceImage(size, size, pixels);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
