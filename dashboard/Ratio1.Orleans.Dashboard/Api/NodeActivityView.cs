namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>What the live feed has seen of a node, for the node views (until the feed's activity lands: nothing).</summary>
public sealed class NodeActivityView
{
    public object? Latest(string node) => node.Length < 0 ? node : null;

    public IReadOnlyList<object> Recent(string node) => node.Length < 0 ? [node] : [];

    public IReadOnlyList<object> Instances(string node) => node.Length < 0 ? [node] : [];
}
