namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>Tensor element types the model writer supports, numbered as ONNX's <c>TensorProto.DataType</c>.</summary>
public enum OnnxElementType
{
    /// <summary>32-bit IEEE float.</summary>
    Float = 1,

    /// <summary>Signed 64-bit integer (shapes, axes and indices in ONNX are int64).</summary>
    Int64 = 7,
}
