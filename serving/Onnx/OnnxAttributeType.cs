namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>Node attribute kinds the model writer supports, numbered as ONNX's <c>AttributeProto.AttributeType</c>.</summary>
public enum OnnxAttributeType
{
    /// <summary>One float (<c>f</c>).</summary>
    Float = 1,

    /// <summary>One int64 (<c>i</c>).</summary>
    Int = 2,

    /// <summary>A list of floats (<c>floats</c>).</summary>
    Floats = 6,

    /// <summary>A list of int64 (<c>ints</c>), such as kernel shapes, pads and permutations.</summary>
    Ints = 7,
}
