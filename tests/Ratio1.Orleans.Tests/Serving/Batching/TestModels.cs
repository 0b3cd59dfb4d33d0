using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>Small ONNX models for the batcher's tests and benchmarks, built with the serving project's ONNX writer.</summary>
internal static class TestModels
{
    /// <summary><c>y = x · W + b</c>, x <c>[batch, features]</c> → y <c>[batch, outputs]</c>; the batch axis free unless <paramref name="fixedBatch"/>.</summary>
    /// <param name="freeFeatures">Leave the feature axis free in the declared input (a wrong-sized item then fails in ONNX Runtime, not before).</param>
    public static byte[] Linear(float[,] weights, float[] bias, long? fixedBatch = null, bool freeFeatures = false)
    {
        var (features, outputs) = (weights.GetLength(0), weights.GetLength(1));
        var batch = fixedBatch is { } size ? OnnxDimension.Fixed(size) : OnnxDimension.Symbolic("batch");
        var graph = new OnnxGraphBuilder("linear");
        graph.AddInput("x", OnnxElementType.Float, batch, freeFeatures ? OnnxDimension.Symbolic("features") : OnnxDimension.Fixed(features));
        graph.AddOutput("y", OnnxElementType.Float, batch, outputs);
        var w = graph.AddFloats("W", [features, outputs], [.. weights.Cast<float>()]);
        var b = graph.AddFloats("b", [outputs], bias);
        graph.AddNode("Add", [graph.AddNode("MatMul", ["x", w]), b], output: "y");
        return OnnxModelWriter.Write(graph.Build());
    }

    /// <summary>A two-layer perceptron <c>inputs → hidden (ReLU) → outputs</c> with seeded random weights.</summary>
    public static byte[] Mlp(int inputs, int hidden, int outputs, int seed = 1)
    {
        var random = new Random(seed);
        float[] Weights(int n, int fanIn) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) / Math.Sqrt(fanIn)))];
        var graph = new OnnxGraphBuilder("mlp");
        graph.AddInput("x", OnnxElementType.Float, "batch", inputs);
        graph.AddOutput("y", OnnxElementType.Float, "batch", outputs);
        var w1 = graph.AddFloats("W1", [inputs, hidden], Weights(inputs * hidden, inputs));
        var b1 = graph.AddFloats("b1", [hidden], Weights(hidden, inputs));
        var w2 = graph.AddFloats("W2", [hidden, outputs], Weights(hidden * outputs, hidden));
        var b2 = graph.AddFloats("b2", [outputs], Weights(outputs, hidden));
        var h = graph.AddNode("Relu", [graph.AddNode("Add", [graph.AddNode("MatMul", ["x", w1]), b1])]);
        graph.AddNode("Add", [graph.AddNode("MatMul", [h, w2]), b2], output: "y");
        return OnnxModelWriter.Write(graph.Build());
    }

    /// <summary><c>y = Identity(x)</c> on int64: a valid model the batcher must refuse (float32 only).</summary>
    public static byte[] Int64Identity()
    {
        var graph = new OnnxGraphBuilder("int64");
        graph.AddInput("x", OnnxElementType.Int64, "batch", 4);
        graph.AddOutput("y", OnnxElementType.Int64, "batch", 4);
        graph.AddNode("Identity", ["x"], output: "y");
        return OnnxModelWriter.Write(graph.Build());
    }

    /// <summary>Deterministic pseudo-random values in [-1, 1).</summary>
    public static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    /// <summary>Writes a model into a fresh file under the temp folder; the caller deletes it.</summary>
    public static string Save(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"r1-test-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }
}
