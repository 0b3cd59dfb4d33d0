using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins;

/// <summary>A business plugin the node can run.</summary>
/// <param name="Origin">Where it was found: an assembly name, or the plugin file it was loaded from.</param>
public sealed record PluginDescriptor(string Signature, Type Type, string Description, string Version, PluginConfigSchema Schema, string Origin)
{
    public BusinessPlugin Create() => (BusinessPlugin)Activator.CreateInstance(Type)!;
}
