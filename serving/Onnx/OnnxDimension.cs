namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// One axis of a declared tensor shape: a fixed size, or a symbolic name (such as <c>"batch"</c>) that ONNX Runtime
/// reports as -1 and accepts at any size. Converts implicitly from a number or a string, so shapes read as
/// <c>["batch", 3, 64, 64]</c>.
/// </summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null for a symbolic axis.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name, or null for a fixed axis.</summary>
    public string? Symbol { get; }

    /// <summary>An axis of a fixed size.</summary>
    public static OnnxDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDimension(size, null);
    }

    /// <summary>An axis whose size is named, not fixed; axes sharing a name must agree at run time.</summary>
    public static OnnxDimension Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new OnnxDimension(null, symbol);
    }

    public static implicit operator OnnxDimension(long size) => Fixed(size);

    public static implicit operator OnnxDimension(string symbol) => Symbolic(symbol);

    public override string ToString() => Symbol ?? Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
