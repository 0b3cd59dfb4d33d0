using System.Text.Json.Serialization;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// Stored state of a pipeline grain: its current version in full, and who created the pipeline. The schema's
/// triggers copy <c>current</c> into the pipeline history on every write (storage migrations "pipeline_history"),
/// so <see cref="StateName"/> and the shape of <see cref="Current"/> are part of the storage contract.
/// </summary>
public sealed class PipelineState
{
    /// <summary>The persistent-state name the history triggers recognise.</summary>
    public const string StateName = "pipeline";

    /// <summary>The current version; null when the pipeline does not exist.</summary>
    [JsonPropertyName("current")]
    public PipelineRevisionRecord? Current { get; set; }

    [JsonPropertyName("createdBy")]
    public string CreatedBy { get; set; } = string.Empty;

    [JsonPropertyName("createdAt")]
    public DateTimeOffset CreatedAt { get; set; }
}
