using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Reach;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>Stored form of what a node's capture sources may reach (<see cref="CaptureReach"/>), part of <see cref="NodeState"/>.</summary>
public sealed class RegisteredReach
{
    [JsonPropertyName("roots")]
    public List<string> Roots { get; set; } = [];

    [JsonPropertyName("hosts")]
    public List<string> Hosts { get; set; } = [];

    [JsonPropertyName("schemes")]
    public List<string> Schemes { get; set; } = [];

    /// <summary>The stored form of what a node registered.</summary>
    public static RegisteredReach From(CaptureReach reach) => new()
    {
        Roots = [.. reach.Roots.IsDefault ? [] : reach.Roots],
        Hosts = [.. reach.Hosts.IsDefault ? [] : reach.Hosts],
        Schemes = [.. reach.Schemes.IsDefault ? [] : reach.Schemes],
    };

    /// <summary>Back to the contract, for callers of the node grain.</summary>
    public CaptureReach ToReach() => new([.. Roots], [.. Hosts], [.. Schemes]);
}
