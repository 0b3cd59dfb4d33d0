using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Reach;

/// <summary>
/// Folders a node reads files from (capture roots, model directories), and the checks that keep a path inside them.
/// <see cref="Contains"/> is lexical: it never touches the file system, so its answer (and the error built from it)
/// is the same whether the path exists or not. <see cref="ContainsResolved"/> also follows symbolic links, for the
/// node itself just before it opens the file.
/// </summary>
public sealed class PathRoots
{
    // Links followed per path before giving up (Linux's own limit is 40).
    private const int MaxLinks = 40;

    public PathRoots(IEnumerable<string> roots)
    {
        Roots = [.. roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Normalize).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The roots as absolute paths without a trailing separator, as an error names them.</summary>
    public ImmutableArray<string> Roots { get; }

    /// <summary>The roots for an error message (<c>(none)</c> when there are none).</summary>
    public string Described => Roots.IsEmpty ? "(none)" : string.Join(", ", Roots);

    /// <summary>
    /// Whether <paramref name="path"/>, an absolute path, names a root or something under one once <c>.</c> and
    /// <c>..</c> are resolved as text. A relative path, or one the platform cannot read as a path, is not inside.
    /// </summary>
    public bool Contains(string path) => Normalize(path, requireAbsolute: true) is { } full && Roots.Any(root => Under(full, root));

    /// <summary>
    /// Whether <paramref name="path"/> is inside a root once every symbolic link on its way is followed, as the kernel
    /// would follow them when opening it (a link inside a root pointing outside is caught; so is <c>link/..</c>).
    /// A path that does not exist (yet) is judged by the links that do.
    /// </summary>
    public bool ContainsResolved(string path)
    {
        // Both the path as written (what File opens, ".." after a link included) and its textual normal form (what
        // ffmpeg is handed) must end inside.
        if (!Contains(path) || Resolve(path) is not { } real || Resolve(Path.GetFullPath(path)) is not { } normalReal)
        {
            return false;
        }

        var realRoots = Roots.Select(Resolve).OfType<string>().Concat(Roots).ToList();
        return realRoots.Any(root => Under(real, root)) && realRoots.Any(root => Under(normalReal, root));
    }

    /// <summary>The absolute path the kernel would open for <paramref name="path"/>, links followed; null when it loops.</summary>
    public static string? Resolve(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var candidate = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            catch (UnauthorizedAccessException)
            {
                target = null;
            }

            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The link's target replaces it: an absolute one restarts from /, a relative one from the link's folder.
            foreach (var next in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(next);
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }

        return current;
    }

    private static bool Under(string path, string root) =>
        path == root || (path.StartsWith(root, StringComparison.Ordinal) && (root == "/" || path[root.Length] == '/'));

    private static string? Normalize(string path) => Normalize(path, requireAbsolute: false);

    private static string? Normalize(string path, bool requireAbsolute)
    {
        if (path.Contains('\0', StringComparison.Ordinal) || (requireAbsolute && !Path.IsPathFullyQualified(path)))
        {
            return null;
        }

        try
        {
            var full = Path.GetFullPath(path);
            return full.Length > 1 ? full.TrimEnd('/') : full;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }
}
