namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>One operator call in a graph (ONNX's <c>NodeProto</c>) in the default <c>ai.onnx</c> domain.</summary>
/// <param name="OpType">The operator, such as <c>Conv</c> or <c>Softmax</c>.</param>
/// <param name="Inputs">Names of the values it reads, in the operator's order; an empty name skips an optional input.</param>
/// <param name="Outputs">Names of the values it produces.</param>
/// <param name="Name">A name unique in the graph, shown in ONNX Runtime's errors and profiles.</param>
/// <param name="Attributes">The operator's attributes.</param>
public sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    string Name,
    IReadOnlyList<OnnxAttribute> Attributes);
