namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>ONNX Runtime threads of one model's session (0 lets ONNX Runtime choose).</summary>
[GenerateSerializer, Immutable, Alias("r1.thread-settings")]
public sealed record ThreadSettings(
    [property: Id(0)] int IntraOp = 1,
    [property: Id(1)] int InterOp = 1)
{
    public static ThreadSettings Default { get; } = new();
}
