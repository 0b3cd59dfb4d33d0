namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>Keys of a <c>PLUGINS</c> block.</summary>
public static class PluginBlockKeys
{
    public const string Signature = "SIGNATURE";
    public const string Instances = "INSTANCES";
}
