namespace Ratio1.Orleans.Serving.Engine;

/// <summary>The node's serving engine (settings section <c>Serving</c>).</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Models loaded when the silo starts, besides those clients added.</summary>
    public List<ModelOptions> Models { get; set; } = [];

    /// <summary>
    /// Folders models added by clients (not those of <see cref="Models"/>) must be in; the silo fills it from
    /// <c>Node:ModelDirectories</c>. Empty: clients cannot add models.
    /// </summary>
    public List<string> ModelDirectories { get; set; } = [];

    /// <summary>Largest model file a client may add, in bytes (the silo fills it from <c>Limits:MaxModelBytes</c>).</summary>
    public long MaxModelBytes { get; set; } = DefaultMaxModelBytes;

    /// <summary>2 GiB: ONNX's protobuf limit for a model with its weights inside, larger than any edge detector.</summary>
    public const long DefaultMaxModelBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Batches that may run at once per device, across all its models (keys <c>cpu</c>, <c>cuda:0</c>, ...). Unset
    /// devices take the default: one per CPU core, four per GPU.
    /// </summary>
    public Dictionary<string, int> DeviceConcurrency { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
