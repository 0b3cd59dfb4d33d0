namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>A named node attribute (ONNX's <c>AttributeProto</c>), made through <see cref="Int"/>, <see cref="Ints"/>,
/// <see cref="Float"/> or <see cref="Floats"/>.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeType type, long[] ints, float[] floats)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
        IntValues = ints;
        FloatValues = floats;
    }

    /// <summary>The attribute's name as the operator defines it, such as <c>axis</c> or <c>kernel_shape</c>.</summary>
    public string Name { get; }

    /// <summary>Which of the value lists holds the value, and how it is written.</summary>
    public OnnxAttributeType Type { get; }

    /// <summary>The value of an <see cref="OnnxAttributeType.Int"/> (one entry) or <see cref="OnnxAttributeType.Ints"/>
    /// attribute; empty otherwise.</summary>
    public IReadOnlyList<long> IntValues { get; }

    /// <summary>The value of a <see cref="OnnxAttributeType.Float"/> (one entry) or
    /// <see cref="OnnxAttributeType.Floats"/> attribute; empty otherwise.</summary>
    public IReadOnlyList<float> FloatValues { get; }

    /// <summary>An attribute holding one integer.</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, [value], []);

    /// <summary>An attribute holding a list of integers.</summary>
    public static OnnxAttribute Ints(string name, params long[] values) =>
        new(name, OnnxAttributeType.Ints, [.. values], []);

    /// <summary>An attribute holding one float.</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, [], [value]);

    /// <summary>An attribute holding a list of floats.</summary>
    public static OnnxAttribute Floats(string name, params float[] values) =>
        new(name, OnnxAttributeType.Floats, [], [.. values]);

    public override string ToString() => Type switch
    {
        OnnxAttributeType.Int or OnnxAttributeType.Ints => $"{Name}=[{string.Join(", ", IntValues)}]",
        _ => $"{Name}=[{string.Join(", ", FloatValues)}]",
    };
}
