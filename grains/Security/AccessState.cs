using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>Stored state of an allow-list: its entries by address and its audited changes (the last 1,000).</summary>
public sealed class AccessState
{
    [JsonPropertyName("entries")]
    public SortedDictionary<string, AccessEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("changes")]
    public List<AccessChange> Changes { get; set; } = [];
}
