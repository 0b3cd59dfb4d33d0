namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// The node is not running (its silo is offline or has not attached its runtime), so something that must reach the
/// running node now — a command, an input — could not be delivered. Config changes are not affected: they are
/// stored and applied when the node starts.
/// </summary>
[GenerateSerializer, Alias("r1.error.node-unavailable")]
public sealed class NodeUnavailableException : Ratio1Exception
{
    public NodeUnavailableException()
    {
    }

    public NodeUnavailableException(string node, string what)
        : base($"Node '{node}' is not running, so {what} could not be delivered.")
    {
        Node = node;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
}
