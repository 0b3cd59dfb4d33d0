using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Plugins;

/// <summary>An input handed to a pipeline rather than captured by its source: the source decides whether it takes it.</summary>
/// <param name="Item">The input as the instances would receive it.</param>
public sealed record CaptureInput(CaptureInputOrigin Origin, CaptureItem Item)
{
    /// <summary>The client or instance that sent it (<c>INITIATOR_ID</c> of the item's metadata), when known.</summary>
    public string? InitiatorId => Item.Metadata.GetValueOrDefault("INITIATOR_ID") is { Kind: ConfigValueKind.String } id ? id.AsString() : null;
}
