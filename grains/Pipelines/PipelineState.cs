using System.Text.Json.Serialization;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>Stored state of a pipeline grain: its current version in full, and who created the pipeline.</summary>
public sealed class PipelineState
{
    /// <summary>The current version; null when the pipeline does not exist.</summary>
    [JsonPropertyName("current")]
    public PipelineRevisionRecord? Current { get; set; }

    [JsonPropertyName("createdBy")]
    public string CreatedBy { get; set; } = string.Empty;

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }
}
