using System.Reflection;
using System.Runtime.Loader;
using Ratio1.Orleans.Contracts.Reach;

namespace Ratio1.Orleans.Edge.Plugins;

/// <summary>
/// Loads one plugin assembly and its private dependencies in isolation, while the plugin API, the contracts and the
/// framework come from the host, so a plugin's types are the host's types (a plugin built against them works;
/// two plugins with clashing dependencies do not disturb each other).
/// </summary>
internal sealed class PluginLoadContext(string pluginPath, PathRoots folder) : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(pluginPath)}", isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Anything the host already has is shared: that is what makes the plugin's BusinessPlugin the host's.
        if (Default.Assemblies.Any(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), assemblyName)))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(Inside(path));
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(Inside(path));
    }

    // A plugin's .deps.json can name any path: its dependencies load only from the plugin folder too.
    private string Inside(string path) => folder.ContainsResolved(path)
        ? path
        : throw new InvalidOperationException($"Plugin {pluginPath} depends on {path}, outside the plugin folder (Node:PluginFolder) {folder.Described}; refused.");
}
