using System.Text.Json.Serialization;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>Stored state of the fleet grain: every node id that ever registered.</summary>
public sealed class FleetState
{
    [JsonPropertyName("nodeIds")]
    public SortedSet<string> NodeIds { get; set; } = new(StringComparer.Ordinal);
}
