using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>Runs a model once on a real ONNX Runtime CPU session and compares outputs to references.</summary>
internal static class OnnxInference
{
    /// <summary>The tolerance the sample models must meet against their C# references.</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>A session on one intra-op thread: the machine running the tests is small and shared.</summary>
    public static InferenceSession OpenSession(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new InferenceSession(model, options);
    }

    /// <summary>Feeds <paramref name="input"/> of shape <paramref name="shape"/> and returns the one output.</summary>
    public static (float[] Values, long[] Shape) Run(byte[] model, string inputName, float[] input, long[] shape)
    {
        using var session = OpenSession(model);
        using var runOptions = new RunOptions();
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, shape);
        var outputName = session.OutputNames.Single();
        using var outputs = session.Run(runOptions, [inputName], [tensor], [outputName]);
        var output = outputs.Single();
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }

    /// <summary>Runs a sample model on its own input.</summary>
    public static (float[] Values, long[] Shape) Run(SampleModel model, float[] input, long[] shape) =>
        Run(model.Bytes, model.InputName, input, shape);

    /// <summary>Values in [low, high) from a seeded generator, so a failing case reproduces.</summary>
    public static float[] RandomValues(int count, int seed, float low = 0f, float high = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = low + (float)random.NextDouble() * (high - low);
        }

        return values;
    }

    /// <summary>Asserts equal length and every element within <see cref="Tolerance"/>, naming the first that is not.</summary>
    public static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > Tolerance)
            {
                Assert.Fail($"Element {i}: expected {expected[i]}, ONNX Runtime gave {actual[i]} (tolerance {Tolerance}).");
            }
        }
    }
}
