using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>
/// The page's static files, embedded in this assembly (<c>wwwroot/</c>): a silo and the standalone host serve the same
/// bytes, with no CDN and no files on disk. Each is served with its content type, an ETag and <c>Cache-Control:
/// no-cache</c> (the browser revalidates, and gets 304 until the dashboard is upgraded).
/// </summary>
public sealed class DashboardAssets
{
    private const string Prefix = "wwwroot/";
    private const string IndexPath = "/index.html";

    private readonly FrozenDictionary<string, Asset> _files;

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = "/" + name[Prefix.Length..].Replace('\\', '/');
            var content = Read(assembly, name);
            var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "image/svg+xml")
            {
                type += "; charset=utf-8";
            }

            files[path] = new Asset(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }

        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The paths served (each starting with <c>/</c>).</summary>
    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>Whether <paramref name="path"/> is the page or one of its files (open to anyone: they hold no data).</summary>
    public bool IsPageFile(PathString path) => path.Value is "/" or "" || (path.Value is { } value && _files.ContainsKey(value));

    /// <summary>
    /// Serves <paramref name="path"/>: a file of the page, or the page itself for any other path that does not look
    /// like a file (the page routes by its URL's hash, but a reload of a deep link still finds it). Null: not found.
    /// </summary>
    public IResult? Serve(HttpContext context, string path)
    {
        if (path is "" or "/")
        {
            path = IndexPath;
        }

        if (!_files.TryGetValue(path, out var asset))
        {
            if (Path.HasExtension(path) || !_files.TryGetValue(IndexPath, out asset))
            {
                return null;
            }
        }

        var headers = context.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.XFrameOptions = "DENY";
        // With the entity tag, the result answers If-None-Match itself (304).
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
