using System.Reflection;

namespace Ratio1.Orleans.Edge.Plugins;

/// <summary>An assembly the plugin catalog scans for plugins and capture sources (register one per assembly).</summary>
public sealed record PluginAssembly(Assembly Assembly);
