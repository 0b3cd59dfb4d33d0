using System.Reflection;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Storage.Schema;

/// <summary>The schema migrations and Orleans query texts shipped in this assembly (<c>Sql/&lt;provider&gt;/...</c>).</summary>
public static class SqlResources
{
    private static readonly Assembly Assembly = typeof(SqlResources).Assembly;

    // Resource names carry the folder path; on Windows MSBuild writes it with backslashes.
    private static readonly string[] ResourceNames = [.. Assembly.GetManifestResourceNames().Select(n => n.Replace('\\', '/'))];

    /// <summary>Migrations of <paramref name="provider"/>, by ascending version (file names start with the version number).</summary>
    public static IReadOnlyList<Migration> Migrations(StorageProvider provider)
    {
        var prefix = $"{Folder(provider)}/migrations/";
        return ResourceNames
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var separator = file.IndexOf('_');
                return new Migration(int.Parse(file[..separator], System.Globalization.CultureInfo.InvariantCulture), file[(separator + 1)..], Read(n));
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Orleans query texts of <paramref name="provider"/>, by query key.</summary>
    public static IReadOnlyDictionary<string, string> Queries(StorageProvider provider) => Texts(provider, "queries");

    /// <summary>Our own read queries (pipeline lists and history) of <paramref name="provider"/>, by name.</summary>
    public static IReadOnlyDictionary<string, string> CatalogQueries(StorageProvider provider) => Texts(provider, "catalog");

    private static IReadOnlyDictionary<string, string> Texts(StorageProvider provider, string folder)
    {
        var prefix = $"{Folder(provider)}/{folder}/";
        return ResourceNames
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .ToDictionary(n => n[prefix.Length..^4], n => Read(n).Trim(), StringComparer.Ordinal);
    }

    /// <summary>The newest schema version this build knows for <paramref name="provider"/>.</summary>
    public static int LatestVersion(StorageProvider provider) => Migrations(provider).Max(m => m.Version);

    private static string Folder(StorageProvider provider) => provider == StorageProvider.Postgres ? "postgres" : "sqlite";

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource) ?? Assembly.GetManifestResourceStream(resource.Replace('/', '\\'))!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
