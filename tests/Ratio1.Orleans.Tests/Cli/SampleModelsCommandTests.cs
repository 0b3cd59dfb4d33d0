using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Silo.Models;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>The silo's <c>models sample &lt;dir&gt;</c>: what it writes must be what its own output says.</summary>
public sealed class SampleModelsCommandTests : IDisposable
{
    private readonly ScratchFiles _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("linear-classifier.onnx", "x", new long[] { -1, 4 }, "probabilities", new long[] { -1, 3 })]
    [InlineData("conv-classifier.onnx", "image", new long[] { -1, 3, 32, 32 }, "logits", new long[] { -1, 10 })]
    [InlineData("color-detector.onnx", "image", new long[] { -1, 3, 64, 64 }, "detections", new long[] { -1, 64, 8 })]
    public async Task Models_sample_writes_a_model_onnx_runtime_loads_with_the_tensors_it_states(string file, string input, long[] inputShape, string output, long[] outputShape)
    {
        var folder = _scratch.PathOf("samples");
        var text = new StringWriter();

        var exitCode = await SampleModelsCommand.RunAsync(["sample", folder], text, CancellationToken.None);

        Assert.True(exitCode == 0, text.ToString());
        Assert.All(
            new[] { file, Path.ChangeExtension(file, ".labels"), "red-square.png" },
            written => Assert.True(File.Exists(Path.Combine(folder, written)), $"{written} was not written"));
        // One thread: the machine running the tests is small and shared.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(Path.Combine(folder, file), options);
        var (inputName, inputMetadata) = Assert.Single(session.InputMetadata);
        var (outputName, outputMetadata) = Assert.Single(session.OutputMetadata);
        Assert.Equal((input, output), (inputName, outputName));
        Assert.Equal(inputShape, inputMetadata.Dimensions.Select(d => (long)d));
        Assert.Equal(outputShape, outputMetadata.Dimensions.Select(d => (long)d));
        // The printed summary states the same shapes, with ? for the batch axis.
        Assert.Contains($"{input} float32[?,{string.Join(",", inputShape.Skip(1))}] -> {output} float32[?,{string.Join(",", outputShape.Skip(1))}]", text.ToString());
    }
}
