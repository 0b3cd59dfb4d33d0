using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>Stored state of a node grain.</summary>
public sealed class NodeState
{
    /// <summary>Null until the node first registers.</summary>
    [JsonPropertyName("nodeId")]
    public string? NodeId { get; set; }

    [JsonPropertyName("alias")]
    public string Alias { get; set; } = string.Empty;

    [JsonPropertyName("tags")]
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("signatures")]
    public List<string> Signatures { get; set; } = [];

    /// <summary>
    /// Capture types the node offers, with their key rules; null when it registered without reporting them (state
    /// written before they were registered reads this way too: the key was added without a contract version bump
    /// because an absent key already means "unknown", and older silos reading a newer row ignore it).
    /// </summary>
    [JsonPropertyName("captureTypes")]
    public List<RegisteredCaptureType>? CaptureTypes { get; set; }

    /// <summary>
    /// Plugins the node offers, with the rules of their instance keys; null when it registered without reporting them
    /// (added the same way as <see cref="CaptureTypes"/>: an absent key means "unknown").
    /// </summary>
    [JsonPropertyName("plugins")]
    public List<RegisteredPlugin>? Plugins { get; set; }

    /// <summary>
    /// What the node's capture sources may reach through a <c>URL</c>; null when it registered without reporting it
    /// (added like <see cref="CaptureTypes"/>: an absent key means "unknown", and only the node checks).
    /// </summary>
    [JsonPropertyName("captureReach")]
    public RegisteredReach? Reach { get; set; }

    [JsonPropertyName("version")]
    public string Version { get; set; } = string.Empty;

    [JsonPropertyName("hostName")]
    public string HostName { get; set; } = string.Empty;

    /// <summary>The silo that last registered the node.</summary>
    [JsonPropertyName("siloAddress")]
    public string? SiloAddress { get; set; }

    [JsonPropertyName("firstSeen")]
    public DateTimeOffset FirstSeen { get; set; }

    [JsonPropertyName("registeredAt")]
    public DateTimeOffset RegisteredAt { get; set; }

    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>
    /// Models clients added to the node (<c>r1ctl models add</c>), every default written out; its silo loads them
    /// when it starts. Null when none were ever added (older rows read this way too: an absent key means none).
    /// </summary>
    [JsonPropertyName("models")]
    public List<ModelDeclaration>? Models { get; set; }

    /// <summary>True after a clean shutdown of the node's silo, until it registers again.</summary>
    [JsonPropertyName("offline")]
    public bool Offline { get; set; }

    /// <summary>A copy with another list of client-added models.</summary>
    public NodeState WithModels(List<ModelDeclaration> models)
    {
        var copy = (NodeState)MemberwiseClone();
        copy.Models = models;
        return copy;
    }

    /// <summary>A copy marked offline.</summary>
    public NodeState WithOffline()
    {
        var copy = (NodeState)MemberwiseClone();
        copy.Offline = true;
        return copy;
    }
}
