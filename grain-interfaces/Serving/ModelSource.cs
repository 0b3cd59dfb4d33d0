namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>Where a node's model was declared (reported in <see cref="ModelStatus.Source"/>).</summary>
public static class ModelSource
{
    /// <summary>In the silo's settings (<c>Serving:Models</c>); changed there, not by clients.</summary>
    public const string Config = "config";

    /// <summary>Added by a client (<c>r1ctl models add</c>); stored with the node and reloaded when its silo starts.</summary>
    public const string Registry = "registry";
}
