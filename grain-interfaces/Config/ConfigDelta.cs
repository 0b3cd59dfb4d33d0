using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Ratio1's delta merge: each key of the delta replaces the original's value (lists and objects wholesale);
/// a dotted key <c>"A.B"</c> sets <c>B</c> inside object <c>A</c>, creating it when absent.
/// </summary>
public static class ConfigDelta
{
    /// <summary>Applies <paramref name="delta"/> to <paramref name="original"/>; errors name fields under <paramref name="pathPrefix"/>.</summary>
    public static ConfigMap Apply(ConfigMap original, ConfigMap delta, string pathPrefix)
    {
        var result = original;
        foreach (var (key, value) in delta)
        {
            result = key.Contains('.', StringComparison.Ordinal) && !original.ContainsKey(key)
                ? SetPath(result, key.Split('.'), 0, value, pathPrefix + key)
                : result.SetItem(key, value);
        }

        return result;
    }

    /// <summary>The keys whose values differ between two maps (added, removed or changed).</summary>
    public static IReadOnlyList<string> ChangedKeys(ConfigMap before, ConfigMap after)
    {
        var changed = new List<string>();
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old) || !old.Equals(value))
            {
                changed.Add(key);
            }
        }

        changed.AddRange(before.Keys.Where(k => !after.ContainsKey(k)));
        return changed;
    }

    private static ConfigMap SetPath(ConfigMap map, string[] parts, int index, ConfigValue value, string fullPath)
    {
        var part = parts[index];
        if (part.Length == 0)
        {
            throw new InvalidConfigException(fullPath, value.ToJson(), "a dotted key must not have empty parts");
        }

        if (index == parts.Length - 1)
        {
            return map.SetItem(part, value);
        }

        var inner = map.GetValueOrDefault(part) switch
        {
            null or { Kind: ConfigValueKind.Null } => ConfigMap.Empty,
            { Kind: ConfigValueKind.Object } o => o.Fields,
            var other => throw new InvalidConfigException(fullPath, value.ToJson(),
                $"cannot set a nested key: '{string.Join('.', parts[..(index + 1)])}' is {ConfigValue.KindName(other.Kind)}, not an object"),
        };

        return map.SetItem(part, ConfigValue.FromObject(SetPath(inner, parts, index + 1, value, fullPath)));
    }
}
