using System.Buffers.Binary;

namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// A constant tensor stored in the graph, such as weights or a target shape (ONNX's <c>TensorProto</c> as an
/// initializer). The values are kept as little-endian <c>raw_data</c>, the layout ONNX prescribes on every platform.
/// </summary>
public sealed class OnnxTensor
{
    private readonly byte[] _rawData;

    private OnnxTensor(string name, OnnxElementType elementType, long[] dims, byte[] rawData)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        ElementType = elementType;
        Dims = dims;
        _rawData = rawData;
    }

    /// <summary>The name nodes use to read the tensor.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The values, row-major, little-endian.</summary>
    public ReadOnlySpan<byte> RawData => _rawData;

    /// <summary>A float tensor; <paramref name="values"/> are row-major and must fill <paramref name="dims"/>.</summary>
    public static OnnxTensor FromFloats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values)
    {
        var shape = CheckedShape(dims, values.Length);
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return new OnnxTensor(name, OnnxElementType.Float, shape, raw);
    }

    /// <summary>An int64 tensor; <paramref name="values"/> are row-major and must fill <paramref name="dims"/>.</summary>
    public static OnnxTensor FromInt64s(string name, IReadOnlyList<long> dims, ReadOnlySpan<long> values)
    {
        var shape = CheckedShape(dims, values.Length);
        var raw = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return new OnnxTensor(name, OnnxElementType.Int64, shape, raw);
    }

    private static long[] CheckedShape(IReadOnlyList<long> dims, int valueCount)
    {
        long expected = 1;
        foreach (var dim in dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(dims));
            expected *= dim;
        }
        if (expected != valueCount)
        {
            throw new ArgumentException(
                $"A tensor of shape [{string.Join(", ", dims)}] holds {expected} values, but {valueCount} were given.",
                nameof(dims));
        }

        return [.. dims];
    }
}
