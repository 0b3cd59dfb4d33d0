namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>The pipeline has no plugin instance with that signature and id.</summary>
[GenerateSerializer, Alias("r1.error.instance-not-found")]
public sealed class InstanceNotFoundException : Ratio1Exception
{
    public InstanceNotFoundException()
    {
    }

    public InstanceNotFoundException(string node, string pipeline, string signature, string instanceId)
        : base($"Pipeline '{pipeline}' of node '{node}' has no instance '{instanceId}' of plugin '{signature}'.")
    {
        Node = node;
        Pipeline = pipeline;
        Signature = signature;
        InstanceId = instanceId;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
    [Id(1)] public string Pipeline { get; private set; } = string.Empty;
    [Id(2)] public string Signature { get; private set; } = string.Empty;
    [Id(3)] public string InstanceId { get; private set; } = string.Empty;
}
