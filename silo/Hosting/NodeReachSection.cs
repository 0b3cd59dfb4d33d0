using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Serving.Engine;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Reads what the node will touch from the <c>Node</c> section: <c>ModelDirectories</c>, <c>CaptureRoots</c>,
/// <c>CaptureHosts</c> and <c>CaptureSchemes</c>, each a list (<c>Node:CaptureRoots:0</c>, ... or one value separated
/// by commas, as <c>--capture-roots /srv/a,/srv/b</c> gives it). Folders default to <c>&lt;data-dir&gt;/models</c> and
/// <c>&lt;data-dir&gt;/media</c>, created (owner-only) when missing; hosts default to none.
/// </summary>
public sealed record NodeReachSection(List<string> ModelDirectories, List<string> CaptureRoots, List<string> CaptureHosts, List<string> CaptureSchemes)
{
    public static NodeReachSection Read(IConfiguration configuration, string dataDirectory)
    {
        var section = configuration.GetSection(NodeOptions.SectionName);
        var data = Path.GetFullPath(dataDirectory);
        var models = Paths(List(section, "ModelDirectories"));
        var roots = Paths(List(section, "CaptureRoots"));
        if (models.Count == 0)
        {
            models = [DefaultFolder(Path.Combine(data, "models"))];
        }

        if (roots.Count == 0)
        {
            roots = [DefaultFolder(Path.Combine(data, "media"))];
        }

        return new NodeReachSection(models, roots, List(section, "CaptureHosts"), List(section, "CaptureSchemes"));
    }

    /// <summary>Puts these lists into the node's and the serving engine's options.</summary>
    public void ApplyTo(IServiceCollection services, long maxModelBytes)
    {
        services.PostConfigure<NodeOptions>(o =>
        {
            o.ModelDirectories = [.. ModelDirectories];
            o.CaptureRoots = [.. CaptureRoots];
            o.CaptureHosts = [.. CaptureHosts];
            o.CaptureSchemes = [.. CaptureSchemes];
        });
        services.PostConfigure<ServingOptions>(o =>
        {
            o.ModelDirectories = [.. ModelDirectories];
            o.MaxModelBytes = maxModelBytes;
        });
    }

    private static List<string> List(IConfigurationSection section, string key)
    {
        var entry = section.GetSection(key);
        var values = entry.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (entry.Value is { Length: > 0 } joined)
        {
            values.AddRange(joined.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static List<string> Paths(List<string> paths) => [.. paths.Select(p => Path.GetFullPath(p))];

    // The defaults exist from the first start, so an operator sees where files go; only the owner may read them.
    private static string DefaultFolder(string path)
    {
        try
        {
            // The data directory first, so it too is created owner-only (a missing parent would not be).
            Storage.Sqlite.OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
            Storage.Sqlite.OwnerOnlyFiles.CreateFolder(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The data directory's own check reports an unusable folder; a missing default root only allows nothing.
        }

        return path;
    }
}
