using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Reach;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins;

/// <summary>
/// The business plugins and capture sources this node offers: found in the registered assemblies (the built-ins and
/// any the host adds) and in the plugin folder, where each *.dll is loaded in its own load context. Scanned once, at
/// start; a signature or type defined twice is an error naming both places. Signatures and capture types are matched
/// the same way, case-insensitively (a pipeline may write <c>echo_01</c> or <c>structuredfile</c>); signatures are
/// kept upper-case, types as their source declares them.
/// </summary>
public sealed partial class PluginCatalog
{
    private readonly Dictionary<string, PluginDescriptor> _plugins = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CaptureDescriptor> _captures = new(StringComparer.OrdinalIgnoreCase);

    public PluginCatalog(IEnumerable<PluginAssembly> assemblies, IOptions<NodeOptions> options, ILogger<PluginCatalog> logger)
    {
        foreach (var assembly in assemblies.Select(a => a.Assembly).Distinct())
        {
            Scan(assembly, assembly.GetName().Name ?? assembly.FullName ?? "?");
        }

        if (options.Value.PluginFolder is { Length: > 0 } folder)
        {
            var full = Path.GetFullPath(folder);
            var roots = new PathRoots([full]);
            CheckNotWritableByOthers(full, full);
            foreach (var file in PluginFiles(full))
            {
                // A link in the folder to a DLL elsewhere would load code from wherever it points: refused.
                if (!roots.ContainsResolved(file))
                {
                    throw new InvalidOperationException($"Plugin file {file} leads outside the plugin folder (Node:PluginFolder) {full}; only files in that folder are loaded.");
                }

                CheckNotWritableByOthers(file, full);
                var assembly = new PluginLoadContext(file, roots).LoadFromAssemblyPath(file);
                Scan(assembly, file);
                LogPluginFileLoaded(logger, file);
            }
        }

        Signatures = [.. _plugins.Keys.Order(StringComparer.Ordinal)];
        CaptureTypes = [.. _captures.Values.OrderBy(c => c.Type, StringComparer.Ordinal).Select(c => new CaptureTypeInfo(c.Type, c.Description, c.Schema.Rules.ToMap()))];
        PluginTypes = [.. _plugins.Values.OrderBy(p => p.Signature, StringComparer.Ordinal).Select(p => new PluginTypeInfo(p.Signature, p.Description, p.Schema.Rules.ToMap()))];
        LogCatalog(logger, Signatures.Length, _captures.Count);
    }

    /// <summary>Signatures offered, sorted.</summary>
    public ImmutableArray<string> Signatures { get; }

    /// <summary>Capture types offered (besides <c>Void</c>), sorted, with their key rules as data: what the node registers.</summary>
    public ImmutableArray<CaptureTypeInfo> CaptureTypes { get; }

    /// <summary>Plugins offered, sorted, with their instance-key rules as data: what the node registers beside <see cref="CaptureTypes"/>.</summary>
    public ImmutableArray<PluginTypeInfo> PluginTypes { get; }

    public IReadOnlyCollection<PluginDescriptor> Plugins => _plugins.Values;

    public IReadOnlyCollection<CaptureDescriptor> Captures => _captures.Values;

    public PluginDescriptor? FindPlugin(string signature) => _plugins.GetValueOrDefault(signature);

    public CaptureDescriptor? FindCapture(string type) => _captures.GetValueOrDefault(type);

    // The folder holds plugins as single DLLs, or as subfolders named after their DLL with its private dependencies
    // (<folder>/DewPoint/DewPoint.dll, ...). Assemblies the host already has (the plugin API, contracts) are skipped.
    private static IEnumerable<string> PluginFiles(string folder)
    {
        var loaded = System.Runtime.Loader.AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var singles = Directory.GetFiles(folder, "*.dll");
        var bundled = Directory.GetDirectories(folder)
            .SelectMany(d => Directory.GetFiles(d, "*.dll").Where(f => IsMainOf(d, f) || Directory.GetFiles(d, "*.dll").Length == 1));
        return singles.Concat(bundled)
            .Where(f => !loaded.Contains(AssemblyName.GetAssemblyName(f).Name ?? string.Empty))
            .Order(StringComparer.Ordinal);
    }

    // Code anyone on the machine can replace is not the operator's code.
    private static void CheckNotWritableByOthers(string path, string folder)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.OtherWrite) != 0)
        {
            throw new InvalidOperationException($"Plugin {(path == folder ? "folder" : "file")} {path} is writable by every user; the node loads plugins only from a folder (Node:PluginFolder) and files others cannot change (chmod o-w).");
        }
    }

    private static bool IsMainOf(string directory, string file)
    {
        var folderName = Path.GetFileName(directory);
        var fileName = Path.GetFileNameWithoutExtension(file);
        return fileName.Equals(folderName, StringComparison.OrdinalIgnoreCase) || fileName.EndsWith("." + folderName, StringComparison.OrdinalIgnoreCase);
    }

    private void Scan(Assembly assembly, string origin)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException($"Plugin assembly {origin} could not be loaded: {string.Join("; ", e.LoaderExceptions.Select(l => l?.Message).Distinct())}", e);
        }

        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (type.GetCustomAttribute<PluginAttribute>() is { } plugin && typeof(BusinessPlugin).IsAssignableFrom(type))
            {
                AddPlugin(type, plugin, origin);
            }
            else if (type.GetCustomAttribute<CaptureTypeAttribute>() is { } capture && typeof(CaptureSource).IsAssignableFrom(type))
            {
                AddCapture(type, capture, origin);
            }
        }
    }

    private void AddPlugin(Type type, PluginAttribute attribute, string origin)
    {
        var signature = Identifiers.NormalizeSignature(attribute.Signature)!;
        if (Identifiers.CheckSignature(signature) is { } problem)
        {
            throw new InvalidOperationException($"Plugin {type.FullName} ({origin}) has signature '{attribute.Signature}', which {problem}.");
        }

        if (_plugins.TryGetValue(signature, out var existing))
        {
            throw new InvalidOperationException($"Plugin signature {signature} is defined twice: {existing.Type.FullName} ({existing.Origin}) and {type.FullName} ({origin}).");
        }

        var sample = (BusinessPlugin)(Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Plugin {type.FullName} ({origin}) needs a public parameterless constructor."));
        _plugins[signature] = new PluginDescriptor(signature, type, attribute.Description, attribute.Version, sample.Schema, origin);
    }

    private void AddCapture(Type type, CaptureTypeAttribute attribute, string origin)
    {
        // A TYPE is named in every pipeline and registered with the node, so it follows a name rule as a signature
        // does; Void is the runtime's "no source" and cannot be given one.
        if (Identifiers.CheckCaptureType(attribute.Type) is { } problem)
        {
            throw new InvalidOperationException($"Capture source {type.FullName} ({origin}) has type '{attribute.Type}', which {problem}.");
        }

        if (string.Equals(attribute.Type, Contracts.Pipelines.CaptureTypes.Void, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Capture source {type.FullName} ({origin}) has type '{attribute.Type}', which is reserved: a {Contracts.Pipelines.CaptureTypes.Void} pipeline has no source.");
        }

        if (_captures.TryGetValue(attribute.Type, out var existing))
        {
            throw new InvalidOperationException($"Capture type {attribute.Type} is defined twice: {existing.ClrType.FullName} ({existing.Origin}) and {type.FullName} ({origin}).");
        }

        var sample = (CaptureSource)(Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"Capture source {type.FullName} ({origin}) needs a public parameterless constructor."));
        _captures[attribute.Type] = new CaptureDescriptor(attribute.Type, type, attribute.Description, sample.Schema, origin);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded plugin file {File}")]
    private static partial void LogPluginFileLoaded(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node offers {Plugins} plugins and {Captures} capture types")]
    private static partial void LogCatalog(ILogger logger, int plugins, int captures);
}
