namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>Capture types every node offers, known to the control plane and the edge runtime alike.</summary>
public static class CaptureTypes
{
    /// <summary>No capture source: the pipeline's instances run on their own loop without input.</summary>
    public const string Void = "Void";
}
