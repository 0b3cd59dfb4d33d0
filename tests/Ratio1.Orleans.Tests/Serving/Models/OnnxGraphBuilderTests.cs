using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>Graphs built and written in code carry every attribute kind intact and reject dangling names early.</summary>
public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void Every_attribute_kind_and_an_int64_initializer_reach_ONNX_Runtime_intact()
    {
        // y = Flatten(Reshape(LeakyRelu(x + [1, 2, 3], alpha 0.5), shape [0, 3, 1]), axis 1); each attribute kind
        // (floats, float, ints, int) and the int64 initializer change the result if misread.
        var graph = new OnnxGraphBuilder("attribute_kinds");
        var x = graph.AddInput("x", OnnxElementType.Float, "batch", 3);
        var offsets = graph.AddNode("Constant", [], [OnnxAttribute.Floats("value_floats", 1f, 2f, 3f)]);
        var leaky = graph.AddNode("LeakyRelu", [graph.AddNode("Add", [x, offsets])], [OnnxAttribute.Float("alpha", 0.5f)]);
        var shape = graph.AddNode("Constant", [], [OnnxAttribute.Ints("value_ints", 0, 3, 1)]);
        var column = graph.AddNode("Reshape", [leaky, shape]);
        var flat = graph.AddNode("Reshape", [column, graph.AddInt64s("flat_shape", [2], [0, -1])]);
        graph.AddNode("Flatten", [flat], [OnnxAttribute.Int("axis", 1)], "y");
        graph.AddOutput("y", OnnxElementType.Float, "batch", 3);
        float[] input = [-4f, 0f, 1f, -10f, -2f, -3f];

        var (actual, outputShape) = OnnxInference.Run(OnnxModelWriter.Write(graph.Build()), "x", input, [2, 3]);

        Assert.Equal([2L, 3L], outputShape);
        OnnxInference.AssertClose([-1.5f, 2f, 4f, -4.5f, 0f, 0f], actual);
    }

    [Fact]
    public void A_node_reading_an_unknown_value_is_rejected()
    {
        var graph = new OnnxGraphBuilder("dangling");
        graph.AddInput("x", OnnxElementType.Float, "batch", 3);

        var error = Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", ["X"]));

        Assert.Contains("'X'", error.Message);
    }

    [Fact]
    public void A_declared_output_no_node_produces_is_rejected_when_building()
    {
        var graph = new OnnxGraphBuilder("missing_output");
        var x = graph.AddInput("x", OnnxElementType.Float, 3);
        graph.AddNode("Relu", [x]);
        graph.AddOutput("y", OnnxElementType.Float, 3);

        var error = Assert.Throws<InvalidOperationException>(graph.Build);

        Assert.Contains("y", error.Message);
    }

    [Fact]
    public void A_tensor_whose_values_do_not_fill_its_shape_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloats("w", [2, 3], new float[5]));
    }
}
