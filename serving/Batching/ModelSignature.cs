using System.Collections.Immutable;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// A model's inputs and outputs, checked for what the batcher serves (float32 tensors with a batch axis first), and
/// the check of one request's tensors against them.
/// </summary>
internal sealed class ModelSignature
{
    // Every item of a model without free item dimensions has these; shared, so checking an item allocates nothing.
    private readonly long[][]? _fixedItemDims;

    private ModelSignature(ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        InputLayouts = [.. inputs.Select(i => new TensorLayout(i))];
        OutputLayouts = [.. outputs.Select(o => new TensorLayout(o))];
        InputNames = [.. inputs.Select(i => i.Name)];
        OutputNames = [.. outputs.Select(o => o.Name)];
        HasFreeItemDims = InputLayouts.Any(l => l.HasFreeItemDims);
        FixedBatch = InputLayouts.Select(l => l.FixedBatch).Where(b => b is not null).Min() is { } fixedBatch ? (int)Math.Min(fixedBatch, int.MaxValue) : null;
        _fixedItemDims = HasFreeItemDims ? null : [.. InputLayouts.Select(l => l.ItemDims)];
    }

    public ImmutableArray<TensorInfo> Inputs { get; }

    public ImmutableArray<TensorInfo> Outputs { get; }

    public TensorLayout[] InputLayouts { get; }

    public TensorLayout[] OutputLayouts { get; }

    public string[] InputNames { get; }

    public string[] OutputNames { get; }

    /// <summary>Some input leaves an item dimension free: items of one batch must then agree on it.</summary>
    public bool HasFreeItemDims { get; }

    /// <summary>The batch axis the model fixes (every run has exactly this many rows, padded), or null when it is free.</summary>
    public int? FixedBatch { get; }

    /// <summary>Reads a session's metadata; a tensor the batcher cannot serve is a config error on the model file.</summary>
    public static ModelSignature Of(InferenceSession session, string path)
    {
        var inputs = Describe(session.InputNames, session.InputMetadata);
        var outputs = Describe(session.OutputNames, session.OutputMetadata);
        var errors = new List<ConfigError>();
        Check("input", inputs, errors, path);
        Check("output", outputs, errors, path);
        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }

        return new ModelSignature(inputs, outputs);
    }

    /// <summary>
    /// Checks one item: a tensor per input in the model's order, each shaped like the input with the batch axis 1 (or
    /// left out). Returns each input's item dimensions (the free ones resolved by the request).
    /// </summary>
    public long[][] CheckItem(IReadOnlyList<TensorData> item)
    {
        if (item.Count != InputLayouts.Length)
        {
            throw new InvalidConfigException("inputs", item.Count.ToString(CultureInfo.InvariantCulture),
                $"the model takes {InputLayouts.Length} input(s) ({string.Join(", ", Inputs)}); got {item.Count}");
        }

        var dims = _fixedItemDims ?? new long[InputLayouts.Length][];
        for (var i = 0; i < InputLayouts.Length; i++)
        {
            var itemDims = CheckTensor(i, InputLayouts[i], item[i]);
            if (_fixedItemDims is null)
            {
                dims[i] = itemDims.ToArray();
            }
        }

        return dims;
    }

    /// <summary>Zero-filled item dimensions for warm-up: free dims of a 4-d input take the image size, else fail.</summary>
    public long[][] WarmupItemDims(ModelDeclaration declaration)
    {
        var dims = new long[InputLayouts.Length][];
        for (var i = 0; i < InputLayouts.Length; i++)
        {
            var layout = InputLayouts[i];
            var resolved = (long[])layout.ItemDims.Clone();
            if (layout.HasFreeItemDims)
            {
                var image = declaration.Image;
                var imageDims = resolved.Length == 3 && resolved[0] >= 0 && image is { Width: > 0, Height: > 0 };
                if (!imageDims)
                {
                    throw new InvalidConfigException(image is null ? "Image" : "Image.Width", null,
                        $"input '{layout.Name}' ({layout.Info}) leaves dimensions besides the batch axis free, so warm-up needs their size: " +
                        (resolved.Length == 3 ? "set Image.Width and Image.Height" : "set WarmupRuns to 0"));
                }

                resolved[1] = image!.Height!.Value;
                resolved[2] = image.Width!.Value;
            }

            dims[i] = resolved;
        }

        return dims;
    }

    private static ImmutableArray<TensorInfo> Describe(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        [.. names.Select(name => new TensorInfo(
            name,
            OnnxElementTypes.NameOf(metadata[name]),
            metadata[name].IsTensor ? [.. metadata[name].Dimensions.Select(d => d < 0 ? -1L : d)] : []))];

    private static void Check(string kind, ImmutableArray<TensorInfo> tensors, List<ConfigError> errors, string path)
    {
        foreach (var tensor in tensors)
        {
            if (tensor.ElementType != OnnxElementTypes.Float32)
            {
                errors.Add(new ConfigError("Path", path, $"{kind} '{tensor.Name}' is {tensor}; the serving engine takes float32 tensors only"));
            }
            else if (tensor.Shape.Length == 0)
            {
                errors.Add(new ConfigError("Path", path, $"{kind} '{tensor.Name}' is a scalar; the serving engine needs a batch axis first"));
            }
        }
    }

    /// <summary>Checks one tensor against its input; returns its item dimensions (a view of the tensor's own shape).</summary>
    private static ReadOnlySpan<long> CheckTensor(int index, TensorLayout layout, TensorData tensor)
    {
        var shape = tensor.Shape.IsDefault ? [] : tensor.Shape;
        if (!string.IsNullOrEmpty(tensor.Name) && tensor.Name != layout.Name)
        {
            throw new InvalidConfigException(Field(index, layout), tensor.Name, $"the model's input {index} is '{layout.Name}' ({layout.Info}); tensors go in the model's input order");
        }

        // The batch axis of one item is 1, or left out.
        var itemShape = shape.Length == layout.ItemDims.Length + 1 && shape[0] == 1 ? shape.AsSpan()[1..] : shape.AsSpan();
        var fits = itemShape.Length == layout.ItemDims.Length;
        var elements = 1L;
        for (var d = 0; fits && d < itemShape.Length; d++)
        {
            fits = itemShape[d] >= 1 && (layout.ItemDims[d] < 0 || layout.ItemDims[d] == itemShape[d]);
            elements *= itemShape[d];
        }

        if (!fits)
        {
            throw new InvalidConfigException(Field(index, layout), Text(shape), $"expected shape [1,{string.Join(",", layout.ItemDims.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}] ({layout.Info})");
        }

        if (tensor.Values is null || tensor.Values.LongLength != elements)
        {
            throw new InvalidConfigException(Field(index, layout), Text(shape), $"shape {Text(shape)} holds {elements} values; got {tensor.Values?.LongLength ?? 0}");
        }

        return itemShape;
    }

    private static string Field(int index, TensorLayout layout) => $"inputs[{index}] ({layout.Name})";

    private static string Text(ImmutableArray<long> shape) => "[" + string.Join(",", shape) + "]";
}
