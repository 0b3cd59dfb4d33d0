using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// An immutable JSON object: keys in their original order (so configs round-trip as written), case-sensitive,
/// compared by meaning (key order does not matter).
/// </summary>
// Crosses the wire as its JSON text (ConfigMapSurrogate), like ConfigValue.
[Immutable]
public sealed class ConfigMap : IReadOnlyDictionary<string, ConfigValue>, IEquatable<ConfigMap>
{
    /// <summary>The empty map.</summary>
    public static readonly ConfigMap Empty = new(ImmutableArray<string>.Empty, ImmutableArray<ConfigValue>.Empty);

    private readonly ImmutableArray<string> _keys;
    private readonly ImmutableArray<ConfigValue> _values;

    // Built on first lookup; maps are small and mostly read whole, so the index is not worth serializing.
    private Dictionary<string, int>? _index;

    private ConfigMap(ImmutableArray<string> keys, ImmutableArray<ConfigValue> values)
    {
        _keys = keys;
        _values = values;
    }

    /// <summary>Builds a map from key/value pairs; a repeated key keeps its first position and its last value.</summary>
    public static ConfigMap From(IEnumerable<KeyValuePair<string, ConfigValue>> pairs)
    {
        var builder = new Builder();
        foreach (var (key, value) in pairs)
        {
            builder.Set(key, value);
        }

        return builder.ToMap();
    }

    /// <summary>Builds a map from plain .NET values (see <see cref="ConfigValue.From"/>).</summary>
    public static ConfigMap From(IEnumerable<KeyValuePair<string, object?>> pairs) =>
        From(pairs.Select(p => new KeyValuePair<string, ConfigValue>(p.Key, ConfigValue.From(p.Value))));

    /// <summary>Parses a JSON object.</summary>
    public static ConfigMap Parse(string json) => ConfigJson.ParseObject(json);

    public int Count => _keys.IsDefault ? 0 : _keys.Length;

    public IEnumerable<string> Keys => _keys.IsDefault ? [] : _keys;

    public IEnumerable<ConfigValue> Values => _values.IsDefault ? [] : _values;

    public ConfigValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Key '{key}' is not in the config.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConfigValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    public ConfigValue? GetValueOrDefault(string key) => TryGetValue(key, out var v) ? v : null;

    /// <summary>A copy with <paramref name="key"/> set; an existing key keeps its position.</summary>
    public ConfigMap SetItem(string key, ConfigValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value ??= ConfigValue.Null;
        var i = IndexOf(key);
        if (i >= 0)
        {
            return ReferenceEquals(_values[i], value) ? this : new ConfigMap(_keys, _values.SetItem(i, value));
        }

        return new ConfigMap(Keys.ToImmutableArray().Add(key), Values.ToImmutableArray().Add(value));
    }

    /// <summary>A copy with every pair of <paramref name="items"/> set in order.</summary>
    public ConfigMap SetItems(IEnumerable<KeyValuePair<string, ConfigValue>> items)
    {
        var builder = ToBuilder();
        foreach (var (key, value) in items)
        {
            builder.Set(key, value);
        }

        return builder.ToMap();
    }

    /// <summary>A copy without <paramref name="key"/>.</summary>
    public ConfigMap Remove(string key)
    {
        var i = IndexOf(key);
        return i < 0 ? this : new ConfigMap(_keys.RemoveAt(i), _values.RemoveAt(i));
    }

    /// <summary>A copy without the given keys.</summary>
    public ConfigMap RemoveRange(IEnumerable<string> keys)
    {
        var drop = keys.ToHashSet(StringComparer.Ordinal);
        return drop.Count == 0 || !Keys.Any(drop.Contains) ? this : From(this.Where(p => !drop.Contains(p.Key)));
    }

    /// <summary>A mutable builder seeded with this map's pairs.</summary>
    public Builder ToBuilder()
    {
        var builder = new Builder();
        foreach (var (key, value) in this)
        {
            builder.Set(key, value);
        }

        return builder;
    }

    /// <summary>Compact JSON text of this object.</summary>
    public string ToJson(bool indented = false) => ConfigValue.FromObject(this).ToJson(indented);

    public override string ToString() => ToJson();

    /// <summary>Whether a key holds an unpaired surrogate (<see cref="StorableText"/>); cheap, for writers on hot paths.</summary>
    internal bool HasKeyWithUnpairedSurrogate()
    {
        if (_keys.IsDefault)
        {
            return false;
        }

        foreach (var key in _keys)
        {
            if (StorableText.FindUnpairedSurrogate(key) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerator<KeyValuePair<string, ConfigValue>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, ConfigValue>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Same keys with equal values, in any order.</summary>
    public bool Equals(ConfigMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in this)
        {
            if (!other.TryGetValue(key, out var theirs) || !value.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ConfigMap);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var key in Keys)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(key);
        }

        return HashCode.Combine(Count, hash);
    }

    private int IndexOf(string key)
    {
        if (Count == 0)
        {
            return -1;
        }

        if (Count <= 8)
        {
            for (var i = 0; i < _keys.Length; i++)
            {
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = _index;
        if (index is null)
        {
            index = new Dictionary<string, int>(_keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < _keys.Length; i++)
            {
                index[_keys[i]] = i;
            }

            _index = index;
        }

        return index.TryGetValue(key, out var found) ? found : -1;
    }

    /// <summary>Mutable, order-preserving builder of a <see cref="ConfigMap"/>.</summary>
    public sealed class Builder
    {
        private readonly List<string> _keys = [];
        private readonly List<ConfigValue> _values = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public int Count => _keys.Count;

        public bool ContainsKey(string key) => _index.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConfigValue value)
        {
            value = _index.TryGetValue(key, out var i) ? _values[i] : null;
            return value is not null;
        }

        /// <summary>Sets <paramref name="key"/>; an existing key keeps its position.</summary>
        public Builder Set(string key, ConfigValue value)
        {
            ArgumentNullException.ThrowIfNull(key);
            value ??= ConfigValue.Null;
            if (_index.TryGetValue(key, out var i))
            {
                _values[i] = value;
            }
            else
            {
                _index[key] = _keys.Count;
                _keys.Add(key);
                _values.Add(value);
            }

            return this;
        }

        public bool Remove(string key)
        {
            if (!_index.Remove(key, out var i))
            {
                return false;
            }

            _keys.RemoveAt(i);
            _values.RemoveAt(i);
            for (var j = i; j < _keys.Count; j++)
            {
                _index[_keys[j]] = j;
            }

            return true;
        }

        public ConfigMap ToMap() => _keys.Count == 0 ? Empty : new ConfigMap([.. _keys], [.. _values]);
    }
}
