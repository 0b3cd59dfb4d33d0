using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// A model input or output as the batcher sees it: the batch axis first, then the dimensions of one item. Items are
/// concatenated along the batch axis, so only the item dimensions must agree between the items of a batch.
/// </summary>
internal sealed class TensorLayout
{
    public TensorLayout(TensorInfo info)
    {
        Info = info;
        Name = info.Name;
        ItemDims = [.. info.Shape.Skip(1)];
        HasFreeItemDims = ItemDims.Any(d => d < 0);
        ItemElements = HasFreeItemDims ? -1 : ItemDims.Aggregate(1L, (n, d) => n * d);
    }

    public TensorInfo Info { get; }

    public string Name { get; }

    /// <summary>The dimensions after the batch axis; -1 where the model leaves one free.</summary>
    public long[] ItemDims { get; }

    public bool HasFreeItemDims { get; }

    /// <summary>Elements of one item; -1 when an item dimension is free (each item then says its own).</summary>
    public long ItemElements { get; }

    /// <summary>The batch axis when the model fixes it, else null.</summary>
    public long? FixedBatch => Info.Shape[0] >= 0 ? Info.Shape[0] : null;
}
