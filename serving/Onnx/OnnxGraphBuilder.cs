namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// Builds an <see cref="OnnxGraph"/> one node at a time. It names intermediate values itself and checks, as it goes,
/// that every node reads a value that already exists, so a mistake surfaces here rather than as ONNX Runtime's
/// less specific load error.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly string _name;
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The graph's name, kept in the model file.</param>
    public OnnxGraphBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Declares a graph input and returns its name for use as a node input.</summary>
    public string AddInput(string name, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        Declare(name);
        _inputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
        return name;
    }

    /// <summary>Declares a graph output; some node must produce a value of that name before <see cref="Build"/>.</summary>
    public void AddOutput(string name, OnnxElementType elementType, params OnnxDimension[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_outputs.Any(output => output.Name == name))
        {
            throw new ArgumentException($"The output '{name}' is already declared.", nameof(name));
        }

        _outputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
    }

    /// <summary>Adds a constant tensor and returns its name for use as a node input.</summary>
    public string AddInitializer(OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Declare(tensor.Name);
        _initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a constant float tensor (row-major values) and returns its name.</summary>
    public string AddFloats(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values) =>
        AddInitializer(OnnxTensor.FromFloats(name, dims, values));

    /// <summary>Adds a constant int64 tensor (row-major values) and returns its name.</summary>
    public string AddInt64s(string name, IReadOnlyList<long> dims, ReadOnlySpan<long> values) =>
        AddInitializer(OnnxTensor.FromInt64s(name, dims, values));

    /// <summary>
    /// Adds a node with one output and returns that output's name. The output is named after the node unless
    /// <paramref name="output"/> is given, which a node producing a graph output needs.
    /// </summary>
    /// <param name="opType">The operator, such as <c>MatMul</c>.</param>
    /// <param name="inputs">Values already in the graph (inputs, initializers or earlier outputs); an empty name skips an
    /// optional input.</param>
    /// <param name="attributes">The operator's attributes, if any.</param>
    /// <param name="output">The output's name; by default the node's own generated name.</param>
    public string AddNode(
        string opType,
        IReadOnlyList<string> inputs,
        IReadOnlyList<OnnxAttribute>? attributes = null,
        string? output = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
        {
            if (input.Length > 0 && !_values.Contains(input))
            {
                throw new ArgumentException(
                    $"The {opType} node reads '{input}', which no input, initializer or earlier node provides.",
                    nameof(inputs));
            }
        }

        var nodeName = $"{opType.ToLowerInvariant()}_{_nodes.Count}";
        var outputName = output ?? nodeName;
        Declare(outputName);
        _nodes.Add(new OnnxNode(opType, [.. inputs], [outputName], nodeName, [.. attributes ?? []]));
        return outputName;
    }

    /// <summary>The finished graph; fails when a declared output has no node producing it.</summary>
    public OnnxGraph Build()
    {
        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"The graph '{_name}' declares no output.");
        }

        var produced = _nodes.SelectMany(node => node.Outputs).ToHashSet(StringComparer.Ordinal);
        var missing = _outputs.Where(output => !produced.Contains(output.Name)).Select(output => output.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The graph '{_name}' declares outputs no node produces: {string.Join(", ", missing)}.");
        }

        return new OnnxGraph(_name, [.. _nodes], [.. _initializers], [.. _inputs], [.. _outputs]);
    }

    private void Declare(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_values.Add(name))
        {
            throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
        }
    }
}
