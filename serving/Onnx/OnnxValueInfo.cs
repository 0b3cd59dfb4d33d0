namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>A graph input or output: its name, element type and declared shape (ONNX's <c>ValueInfoProto</c>).</summary>
/// <param name="Name">The name nodes and callers use for the value.</param>
/// <param name="ElementType">The tensor's element type.</param>
/// <param name="Shape">One entry per axis, fixed or symbolic.</param>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDimension> Shape);
