using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// One input a capture source delivered to the instances of its pipeline (Ratio1's <c>{STRUCT_DATA | IMG, METADATA}</c>):
/// structured data, an image, or both.
/// </summary>
/// <param name="Data">Structured data (a row, a message, a pushed input), or null for an image-only item.</param>
/// <param name="Image">A decoded frame, or null.</param>
/// <param name="Metadata">What the source knows about the item (file, line, frame index, origin of a payload, ...).</param>
/// <param name="InputId">For an item pushed by a client (<c>OnDemandInput</c>): its id, echoed in payloads as <c>INPUT_ID</c>.</param>
public sealed record CaptureItem(ConfigValue? Data, ImageFrame? Image, ConfigMap Metadata, DateTimeOffset CapturedAt, Guid? InputId = null)
{
    /// <summary>The structured data as an object (empty when the item has none or it is not an object).</summary>
    public ConfigMap Fields => Data is { Kind: ConfigValueKind.Object } data ? data.Fields : ConfigMap.Empty;
}
