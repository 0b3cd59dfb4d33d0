using System.Collections.Immutable;
using System.Globalization;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// An immutable JSON value as found in Ratio1 pipeline and instance configs.
/// Numbers keep their original literal text so a config round-trips unchanged (<c>1.0</c> stays <c>1.0</c>).
/// </summary>
// Crosses the wire as its JSON text (ConfigValueSurrogate): a tree of small objects costs several times more to serialize.
[Immutable]
public sealed class ConfigValue : IEquatable<ConfigValue>
{
    /// <summary>The JSON <c>null</c>.</summary>
    public static readonly ConfigValue Null = new(ConfigValueKind.Null);
    /// <summary>The JSON <c>true</c>.</summary>
    public static readonly ConfigValue True = new(ConfigValueKind.Boolean, text: "true");
    /// <summary>The JSON <c>false</c>.</summary>
    public static readonly ConfigValue False = new(ConfigValueKind.Boolean, text: "false");
    /// <summary>An empty JSON array.</summary>
    public static readonly ConfigValue EmptyArray = new(ConfigValueKind.Array, items: ImmutableArray<ConfigValue>.Empty);
    /// <summary>An empty JSON object.</summary>
    public static readonly ConfigValue EmptyObject = new(ConfigValueKind.Object, fields: ConfigMap.Empty);

    // String content, number literal, or "true"/"false"; null for null, arrays and objects.
    private readonly string? _text;
    private readonly ImmutableArray<ConfigValue> _items;
    private readonly ConfigMap? _fields;

    private ConfigValue(ConfigValueKind kind, string? text = null, ImmutableArray<ConfigValue> items = default, ConfigMap? fields = null)
    {
        Kind = kind;
        _text = text;
        _items = items;
        _fields = fields;
    }

    /// <summary>The JSON kind of this value.</summary>
    public ConfigValueKind Kind { get; }

    public bool IsNull => Kind == ConfigValueKind.Null;

    /// <summary>A JSON string.</summary>
    public static ConfigValue FromString(string value) => new(ConfigValueKind.String, text: value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A JSON boolean.</summary>
    public static ConfigValue FromBoolean(bool value) => value ? True : False;

    /// <summary>A JSON number.</summary>
    public static ConfigValue FromNumber(long value) => new(ConfigValueKind.Number, text: value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A JSON number; NaN and infinities become <c>null</c>, as Ratio1 does.</summary>
    public static ConfigValue FromNumber(double value) =>
        double.IsFinite(value) ? new(ConfigValueKind.Number, text: FormatDouble(value)) : Null;

    /// <summary>A JSON number.</summary>
    public static ConfigValue FromNumber(decimal value) => new(ConfigValueKind.Number, text: value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A JSON number given by its literal text, which must be a valid JSON number.</summary>
    public static ConfigValue FromNumberLiteral(string literal)
    {
        if (!IsJsonNumber(literal))
        {
            throw new FormatException($"'{literal}' is not a JSON number.");
        }

        return new(ConfigValueKind.Number, text: literal);
    }

    /// <summary>A JSON array.</summary>
    public static ConfigValue FromArray(IEnumerable<ConfigValue> items) =>
        new(ConfigValueKind.Array, items: items.Select(i => i ?? Null).ToImmutableArray());

    /// <summary>A JSON array.</summary>
    public static ConfigValue FromArray(params ConfigValue[] items) => FromArray((IEnumerable<ConfigValue>)items);

    /// <summary>A JSON object.</summary>
    public static ConfigValue FromObject(ConfigMap fields) => new(ConfigValueKind.Object, fields: fields ?? ConfigMap.Empty);

    /// <summary>Converts a plain .NET value (string, bool, number, <see cref="ConfigValue"/>, <see cref="ConfigMap"/>,
    /// dictionary, enumerable or null) into a config value.</summary>
    public static ConfigValue From(object? value) => value switch
    {
        null => Null,
        ConfigValue v => v,
        ConfigMap m => FromObject(m),
        string s => FromString(s),
        bool b => FromBoolean(b),
        int i => FromNumber(i),
        long l => FromNumber(l),
        short s16 => FromNumber(s16),
        byte b8 => FromNumber(b8),
        uint u32 => FromNumber(u32),
        float f => FromNumber(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        double d => FromNumber(d),
        decimal m => FromNumber(m),
        System.Text.Json.JsonElement e => ConfigJson.FromElement(e),
        System.Text.Json.Nodes.JsonNode n => ConfigJson.Parse(n.ToJsonString()),
        IEnumerable<KeyValuePair<string, object?>> d => FromObject(ConfigMap.From(d)),
        IEnumerable<KeyValuePair<string, ConfigValue>> d => FromObject(ConfigMap.From(d)),
        System.Collections.IDictionary d => FromObject(ConfigMap.From(d.Keys.Cast<object>().Select(k => KeyValuePair.Create(
            k as string ?? throw new ArgumentException($"Config object keys must be strings, not {k.GetType().Name}.", nameof(value)), From(d[k]))))),
        System.Collections.IEnumerable e => FromArray(e.Cast<object?>().Select(From)),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot be used in a config.", nameof(value)),
    };

    public static implicit operator ConfigValue(string value) => FromString(value);
    public static implicit operator ConfigValue(bool value) => FromBoolean(value);
    public static implicit operator ConfigValue(int value) => FromNumber(value);
    public static implicit operator ConfigValue(long value) => FromNumber(value);
    public static implicit operator ConfigValue(double value) => FromNumber(value);
    public static implicit operator ConfigValue(decimal value) => FromNumber(value);
    public static implicit operator ConfigValue(ConfigMap value) => FromObject(value);

    /// <summary>The string content; throws unless this is a string.</summary>
    public string AsString() => Kind == ConfigValueKind.String ? _text! : throw KindMismatch(ConfigValueKind.String);

    /// <summary>The boolean; throws unless this is a boolean.</summary>
    public bool AsBoolean() => Kind == ConfigValueKind.Boolean ? ReferenceEquals(_text, True._text) || _text == "true" : throw KindMismatch(ConfigValueKind.Boolean);

    /// <summary>The number as a double; throws unless this is a number.</summary>
    public double AsDouble() => Kind == ConfigValueKind.Number
        ? double.Parse(_text!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : throw KindMismatch(ConfigValueKind.Number);

    /// <summary>The number as a 64-bit integer, when it is integral and fits.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Kind != ConfigValueKind.Number)
        {
            return false;
        }

        if (long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var d = AsDouble();
        if (d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    /// <summary>The number literal exactly as written; throws unless this is a number.</summary>
    public string NumberLiteral => Kind == ConfigValueKind.Number ? _text! : throw KindMismatch(ConfigValueKind.Number);

    /// <summary>The elements; throws unless this is an array.</summary>
    public ImmutableArray<ConfigValue> Items => Kind == ConfigValueKind.Array ? _items : throw KindMismatch(ConfigValueKind.Array);

    /// <summary>The fields; throws unless this is an object.</summary>
    public ConfigMap Fields => Kind == ConfigValueKind.Object ? _fields! : throw KindMismatch(ConfigValueKind.Object);

    /// <summary>Compact JSON text of this value.</summary>
    public string ToJson(bool indented = false) => ConfigJson.Write(this, indented);

    /// <inheritdoc />
    public override string ToString() => ToJson();

    /// <summary>
    /// Structural equality with JSON meaning: object key order is irrelevant and numbers compare by exact value
    /// (<c>1</c> equals <c>1.0</c> and <c>1e0</c>; integers beyond double precision stay distinct).
    /// </summary>
    public bool Equals(ConfigValue? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            ConfigValueKind.Null => true,
            ConfigValueKind.Boolean or ConfigValueKind.String => string.Equals(_text, other._text, StringComparison.Ordinal),
            ConfigValueKind.Number => _text == other._text || NumberLiterals.Canonical(_text!) == NumberLiterals.Canonical(other._text!),
            ConfigValueKind.Array => _items.Length == other._items.Length && _items.Zip(other._items).All(p => p.First.Equals(p.Second)),
            ConfigValueKind.Object => _fields!.Equals(other._fields),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => Equals(obj as ConfigValue);

    public override int GetHashCode() => Kind switch
    {
        ConfigValueKind.Number => HashCode.Combine(Kind, NumberLiterals.Canonical(_text!)),
        ConfigValueKind.Boolean or ConfigValueKind.String => HashCode.Combine(Kind, _text),
        ConfigValueKind.Array => HashCode.Combine(Kind, _items.Length),
        ConfigValueKind.Object => HashCode.Combine(Kind, _fields!.Count),
        _ => (int)Kind,
    };

    public static bool operator ==(ConfigValue? left, ConfigValue? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(ConfigValue? left, ConfigValue? right) => !(left == right);

    /// <summary>The kind name used in error messages (<c>number</c>, <c>string</c>, ...).</summary>
    public static string KindName(ConfigValueKind kind) => kind switch
    {
        ConfigValueKind.Null => "null",
        ConfigValueKind.Boolean => "boolean",
        ConfigValueKind.Number => "number",
        ConfigValueKind.String => "string",
        ConfigValueKind.Array => "array",
        ConfigValueKind.Object => "object",
        _ => kind.ToString(),
    };

    internal string RawText => _text ?? string.Empty;

    private InvalidOperationException KindMismatch(ConfigValueKind wanted) =>
        new($"Expected a {KindName(wanted)} but the value is a {KindName(Kind)}: {ToJson()}");

    // Shortest representation that round-trips, like Python's float repr (1e-07, 0.1, 1.0).
    private static string FormatDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E') && !text.Contains('e'))
        {
            text += ".0";
        }

        return text.Replace("E+", "e+", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);
    }

    private static bool IsJsonNumber(string text)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            return reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.Number && !reader.Read();
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
