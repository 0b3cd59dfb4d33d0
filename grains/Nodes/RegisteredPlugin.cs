using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>Stored form of a plugin a node registered (<see cref="PluginTypeInfo"/>), part of <see cref="NodeState"/>.</summary>
public sealed class RegisteredPlugin
{
    [JsonPropertyName("signature")]
    public string Signature { get; set; } = string.Empty;

    [JsonPropertyName("description")]
    public string Description { get; set; } = string.Empty;

    /// <summary>Rules of its instance keys in their data form (Ratio1's validation-rules shape), stored as JSON.</summary>
    [JsonPropertyName("rules")]
    public ConfigMap Rules { get; set; } = ConfigMap.Empty;

    /// <summary>The stored form of what a node registered (signature upper-cased, as pipelines store signatures).</summary>
    public static RegisteredPlugin From(PluginTypeInfo info) =>
        new() { Signature = Identifiers.NormalizeSignature(info.Signature) ?? string.Empty, Description = info.Description, Rules = info.Rules };

    /// <summary>Back to the contract, for callers of the node grain.</summary>
    public PluginTypeInfo ToInfo() => new(Signature, Description, Rules);
}
