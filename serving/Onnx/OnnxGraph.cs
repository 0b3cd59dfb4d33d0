namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// A complete computation graph (ONNX's <c>GraphProto</c>): nodes in execution order, constant tensors, and the
/// declared inputs and outputs. Made by <see cref="OnnxGraphBuilder"/>, written by <see cref="OnnxModelWriter"/>.
/// </summary>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs);
