namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// The node's storage could not be reached or failed. A change that fails this way was not confirmed: read the
/// pipeline back before retrying (the usual outcome is that nothing changed).
/// </summary>
[GenerateSerializer, Alias("r1.error.storage-unavailable")]
public sealed class StorageUnavailableException : Ratio1Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string operation, string reason)
        : base($"Storage is unavailable ({reason}); {operation} was not confirmed. Read the state back before retrying.")
    {
        Operation = operation;
        Reason = reason;
    }

    /// <summary>The grain operation that failed, e.g. <c>IPipelineGrain.UpdateConfigAsync</c>.</summary>
    [Id(0)] public string Operation { get; private set; } = string.Empty;

    /// <summary>What the storage reported.</summary>
    [Id(1)] public string Reason { get; private set; } = string.Empty;
}
