using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>No node with that id has ever registered with this cluster.</summary>
[GenerateSerializer, Alias("r1.error.node-not-found")]
public sealed class NodeNotFoundException : Ratio1Exception
{
    public NodeNotFoundException()
    {
    }

    public NodeNotFoundException(string node, IEnumerable<string> knownNodes)
        : this(node, knownNodes.Order(StringComparer.Ordinal).ToImmutableArray())
    {
    }

    private NodeNotFoundException(string node, ImmutableArray<string> known)
        : base($"Node '{node}' has never registered with this cluster. " +
               (known.IsEmpty ? "No node has registered yet." : $"Known nodes: {string.Join(", ", known.Take(20))}{(known.Length > 20 ? ", ..." : string.Empty)}."))
    {
        Node = node;
        KnownNodes = known;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
    [Id(1)] public ImmutableArray<string> KnownNodes { get; private set; } = [];
}
