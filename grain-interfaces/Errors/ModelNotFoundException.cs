using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>The node serves no model by that name (an <c>AI_ENGINE</c>, an inference request or a removal named it).</summary>
[GenerateSerializer, Alias("r1.error.model-not-found")]
public sealed class ModelNotFoundException : Ratio1Exception
{
    public ModelNotFoundException()
    {
    }

    public ModelNotFoundException(string node, string model, IEnumerable<string> available)
        : this(node, model, available.Order(StringComparer.Ordinal).ToImmutableArray())
    {
    }

    private ModelNotFoundException(string node, string model, ImmutableArray<string> available)
        : base($"Node '{node}' serves no model '{model}'. " +
               (available.IsEmpty ? "It serves no models yet (add one with `r1ctl models add`)." : $"It serves: {string.Join(", ", available)}."))
    {
        Node = node;
        Model = model;
        Available = available;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
    [Id(1)] public string Model { get; private set; } = string.Empty;
    [Id(2)] public ImmutableArray<string> Available { get; private set; } = [];
}
