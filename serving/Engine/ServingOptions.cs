namespace Ratio1.Orleans.Serving.Engine;

/// <summary>The node's serving engine (settings section <c>Serving</c>).</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Models loaded when the silo starts, besides those clients added.</summary>
    public List<ModelOptions> Models { get; set; } = [];

    /// <summary>
    /// Batches that may run at once per device, across all its models (keys <c>cpu</c>, <c>cuda:0</c>, ...). Unset
    /// devices take the default: one per CPU core, four per GPU.
    /// </summary>
    public Dictionary<string, int> DeviceConcurrency { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
