namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// The node's storage could not be reached or failed. A change that fails this way was not confirmed: read the
/// pipeline back before retrying (the usual outcome is that nothing changed). A read that fails this way changed
/// nothing; retry it once the storage is back.
/// </summary>
[GenerateSerializer, Alias("r1.error.storage-unavailable")]
public sealed class StorageUnavailableException : Ratio1Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string operation, string reason)
        : this(operation, reason, $"Storage is unavailable ({reason}); {operation} was not confirmed. Read the state back before retrying.")
    {
    }

    private StorageUnavailableException(string operation, string reason, string message)
        : base(message)
    {
        Operation = operation;
        Reason = reason;
    }

    /// <summary>The grain operation that failed, e.g. <c>IPipelineGrain.UpdateConfigAsync</c> or <c>reading pipeline:edge-01/sensors</c>.</summary>
    [Id(0)] public string Operation { get; private set; } = string.Empty;

    /// <summary>What the storage reported, without connection details.</summary>
    [Id(1)] public string Reason { get; private set; } = string.Empty;

    /// <summary>A read failed (nothing changed): <paramref name="what"/> could not be read, e.g. while its grain activated.</summary>
    public static StorageUnavailableException ForRead(string what, string reason) =>
        new($"reading {what}", reason, $"Storage is unavailable ({reason}); {what} could not be read. Retry once the storage is back.");
}
