using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Text that can be stored and sent as it is. Two kinds of .NET text cannot: an unpaired surrogate (half of a UTF-16
/// pair: not Unicode, it has no UTF-8 form, so an encoder would rewrite it) and, in storage, a NUL character (U+0000:
/// PostgreSQL text cannot hold it). Configs holding either are refused, keys and values alike, with the same errors on
/// SQLite and PostgreSQL; commands and inputs, which are not stored, only when they hold an unpaired surrogate.
/// </summary>
public static class StorableText
{
    /// <summary>Why storage cannot hold <paramref name="text"/>, or null when it can.</summary>
    public static string? Check(string text) =>
        CheckEncodable(text) ?? (text.Contains('\0') ? "contains a NUL character (U+0000), which storage cannot hold" : null);

    /// <summary>Why <paramref name="text"/> cannot be sent or written as UTF-8 as it is (an unpaired surrogate), or null.</summary>
    public static string? CheckEncodable(string text) =>
        FindUnpairedSurrogate(text) is var at and >= 0
            ? $"contains an unpaired surrogate (U+{(int)text[at]:X4}), which is not valid Unicode text"
            : null;

    /// <summary>Adds an error for every key and string value of <paramref name="map"/> that storage cannot hold; paths start with <paramref name="prefix"/>.</summary>
    public static void CheckMap(ConfigMap map, string prefix, ICollection<ConfigError> errors) => WalkMap(map, prefix, Check, errors);

    /// <summary>Adds an error for every key and string of <paramref name="value"/> that cannot be sent as it is; paths start at <paramref name="field"/>.</summary>
    public static void CheckEncodable(ConfigValue value, string field, ICollection<ConfigError> errors) => WalkValue(value, field, CheckEncodable, errors);

    /// <summary>Throws <see cref="InvalidConfigException"/> naming every key and string of <paramref name="value"/> that cannot be sent as it is.</summary>
    public static void RequireEncodable(ConfigValue value, string field)
    {
        var errors = new List<ConfigError>();
        CheckEncodable(value, field, errors);
        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }
    }

    /// <summary>Index of the first unpaired surrogate in <paramref name="text"/>, or -1.</summary>
    public static int FindUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0)
        {
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return i;
            }

            var next = text[(i + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + 2 + next;
        }

        return -1;
    }

    /// <summary>A key as written in a field path: characters that cannot be shown as they are (controls, unpaired surrogates) as <c>\uXXXX</c>.</summary>
    public static string PathKey(string key) =>
        key.AsSpan().IndexOfAnyInRange('\0', '\u001F') < 0 && FindUnpairedSurrogate(key) < 0 ? key : JsonStrings.EscapeContent(key);

    private static void WalkMap(ConfigMap map, string prefix, Func<string, string?> check, ICollection<ConfigError> errors)
    {
        foreach (var (key, value) in map)
        {
            var field = prefix + PathKey(key);
            if (check(key) is { } problem)
            {
                errors.Add(new ConfigError(field, JsonStrings.Quote(key), "the key " + problem));
            }

            WalkValue(value, field, check, errors);
        }
    }

    private static void WalkValue(ConfigValue value, string field, Func<string, string?> check, ICollection<ConfigError> errors)
    {
        switch (value.Kind)
        {
            case ConfigValueKind.String when check(value.AsString()) is { } problem:
                errors.Add(new ConfigError(field, ConfigJson.Shorten(value.ToJson()), problem));
                break;
            case ConfigValueKind.Array:
                for (var i = 0; i < value.Items.Length; i++)
                {
                    WalkValue(value.Items[i], $"{field}[{i}]", check, errors);
                }

                break;
            case ConfigValueKind.Object:
                WalkMap(value.Fields, field.Length == 0 || field == "$" ? string.Empty : field + ".", check, errors);
                break;
        }
    }
}
