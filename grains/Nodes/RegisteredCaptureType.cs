using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Nodes;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>Stored form of a capture type a node registered (<see cref="CaptureTypeInfo"/>), part of <see cref="NodeState"/>.</summary>
public sealed class RegisteredCaptureType
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    /// <summary>Rules of its keys in their data form (Ratio1's validation-rules shape), stored as JSON.</summary>
    [JsonPropertyName("rules")]
    public ConfigMap Rules { get; set; } = ConfigMap.Empty;

    /// <summary>The stored form of what a node registered.</summary>
    public static RegisteredCaptureType From(CaptureTypeInfo info) => new() { Type = info.Type, Description = info.Description, Rules = info.Rules };

    /// <summary>Back to the contract, for callers of the node grain.</summary>
    public CaptureTypeInfo ToInfo() => new(Type, Description, Rules);
}
