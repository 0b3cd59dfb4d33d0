using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>A saved sample model is a file ONNX Runtime loads, declaring the inputs and outputs the record states.</summary>
public sealed class SampleModelFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"r1-sample-models-{Guid.NewGuid():N}");

    public static TheoryData<string> Models => ["linear", "linear-logits", "conv", "detector"];

    [Theory]
    [MemberData(nameof(Models))]
    public void A_saved_model_loads_with_its_declared_input_and_output_metadata(string kind)
    {
        var model = Create(kind);
        var path = Path.Combine(_folder, "nested", $"{kind}.onnx");

        model.Save(path);

        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        var input = Assert.Single(session.InputMetadata);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(model.InputName, input.Key);
        Assert.Equal(model.OutputName, output.Key);
        Assert.Equal(model.InputShape, input.Value.Dimensions.Select(d => (long)d));
        Assert.Equal(model.OutputShape, output.Value.Dimensions.Select(d => (long)d));
        Assert.Equal(-1, input.Value.Dimensions[0]);
        Assert.Equal(SampleModel.BatchAxis, input.Value.SymbolicDimensions[0]);
        Assert.Equal(SampleModel.BatchAxis, output.Value.SymbolicDimensions[0]);
        Assert.Equal(TensorElementType.Float, input.Value.ElementDataType);
        Assert.Equal(TensorElementType.Float, output.Value.ElementDataType);
    }

    [Fact]
    public void Saving_replaces_an_existing_file()
    {
        var path = Path.Combine(_folder, "model.onnx");
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(path, new byte[100_000]);
        var model = SampleModels.LinearClassifier(4, 3);

        model.Save(path);

        Assert.Equal(model.Bytes, File.ReadAllBytes(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static SampleModel Create(string kind) => kind switch
    {
        "linear" => SampleModels.LinearClassifier(8, 3),
        "linear-logits" => SampleModels.LinearClassifier(8, 3, softmax: false),
        "conv" => SampleModels.ConvClassifier(),
        "detector" => SampleModels.GridDetector(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
