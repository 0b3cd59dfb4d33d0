using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Writes the canonical JSON of <see cref="CanonicalJson"/> into a <see cref="Utf8Builder"/>. A message's top level
/// can leave out the signature fields (<see cref="MessageFields.IsSignatureField"/>), keeping <c>SIGN_CANON_V</c> for v2.
/// </summary>
internal static class CanonicalJsonWriter
{
    private static readonly Comparison<NodeEntry> NodeOrder = static (a, b) =>
        KeyOrder.Compare(a.Name, b.Name) is var byName and not 0 ? byName : a.Index - b.Index;

    public static void Write(ref Utf8Builder output, JsonElement value, SignCanon canon, TopLevel topLevel = TopLevel.Everything)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(ref output, value, canon, topLevel);
                break;
            case JsonValueKind.Array:
                output.Append((byte)'[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append((byte)',');
                    }

                    first = false;
                    Write(ref output, item, canon);
                }

                output.Append((byte)']');
                break;
            case JsonValueKind.String:
                WriteString(ref output, value);
                break;
            case JsonValueKind.Number:
                WriteNumberToken(ref output, JsonMarshal.GetRawUtf8Value(value), canon);
                break;
            case JsonValueKind.True:
                output.Append("true"u8);
                break;
            case JsonValueKind.False:
                output.Append("false"u8);
                break;
            case JsonValueKind.Null:
                output.Append("null"u8);
                break;
            default:
                throw new ArgumentException($"a JSON value is required, not {value.ValueKind}.", nameof(value));
        }
    }

    public static void Write(ref Utf8Builder output, JsonNode? value, SignCanon canon, TopLevel topLevel = TopLevel.Everything)
    {
        switch (value)
        {
            case null:
                output.Append("null"u8);
                break;
            case JsonObject obj:
                WriteObject(ref output, obj, canon, topLevel);
                break;
            case JsonArray array:
                output.Append((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append((byte)',');
                    }

                    Write(ref output, array[i], canon);
                }

                output.Append((byte)']');
                break;
            case JsonValue scalar:
                WriteValue(ref output, scalar, canon);
                break;
            default:
                throw new ArgumentException($"unsupported JSON node {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Writes a string with Python's <c>ensure_ascii=False</c> escaping.</summary>
    public static void WriteString(ref Utf8Builder output, ReadOnlySpan<char> text)
    {
        output.Append((byte)'"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            AppendRaw(ref output, text[start..i]);
            switch (c)
            {
                case '"':
                    output.Append("\\\""u8);
                    break;
                case '\\':
                    output.Append("\\\\"u8);
                    break;
                case '\n':
                    output.Append("\\n"u8);
                    break;
                case '\r':
                    output.Append("\\r"u8);
                    break;
                case '\t':
                    output.Append("\\t"u8);
                    break;
                case '\b':
                    output.Append("\\b"u8);
                    break;
                case '\f':
                    output.Append("\\f"u8);
                    break;
                default:
                    var escape = output.GetSpan(6);
                    "\\u00"u8.CopyTo(escape);
                    escape[4] = HexDigit(c >> 4);
                    escape[5] = HexDigit(c & 0xF);
                    output.Advance(6);
                    break;
            }

            start = i + 1;
        }

        AppendRaw(ref output, text[start..]);
        output.Append((byte)'"');
    }

    private static void WriteObject(ref Utf8Builder output, JsonElement value, SignCanon canon, TopLevel topLevel)
    {
        var pool = ArrayPool<JsonProperty>.Shared;
        var entries = pool.Rent(16);
        var count = 0;
        try
        {
            foreach (var property in value.EnumerateObject())
            {
                if (Skip(property, topLevel))
                {
                    continue;
                }

                if (count == entries.Length)
                {
                    var bigger = pool.Rent(count * 2);
                    entries.AsSpan(0, count).CopyTo(bigger);
                    pool.Return(entries, clearArray: true);
                    entries = bigger;
                }

                entries[count++] = property;
            }

            // Stable, so that of duplicate keys the last stays last (Python's json.loads keeps the last value).
            var span = entries.AsSpan(0, count);
            if (count > 1)
            {
                InsertionSort(span);
            }

            output.Append((byte)'{');
            var first = true;
            for (var i = 0; i < span.Length; i++)
            {
                if (i + 1 < span.Length && CompareNames(span[i + 1], span[i]) == 0)
                {
                    continue;
                }

                if (!first)
                {
                    output.Append((byte)',');
                }

                first = false;
                var raw = RawName(span[i]);
                if (raw.IndexOf((byte)'\\') < 0)
                {
                    // Unescaped raw text is already the Python form (see WriteString(JsonElement)).
                    output.Append((byte)'"');
                    output.Append(raw);
                    output.Append((byte)'"');
                }
                else
                {
                    WriteString(ref output, span[i].Name);
                }

                output.Append((byte)':');
                Write(ref output, span[i].Value, canon);
            }

            output.Append((byte)'}');
        }
        finally
        {
            pool.Return(entries, clearArray: true);
        }
    }

    // Objects are small: insertion sort is stable and allocation-free.
    private static void InsertionSort(Span<JsonProperty> span)
    {
        for (var i = 1; i < span.Length; i++)
        {
            var current = span[i];
            var j = i - 1;
            while (j >= 0 && CompareNames(span[j], current) > 0)
            {
                span[j + 1] = span[j];
                j--;
            }

            span[j + 1] = current;
        }
    }

    // UTF-8 byte order is code-point order, so unescaped raw names compare without decoding.
    private static int CompareNames(JsonProperty left, JsonProperty right)
    {
        var a = RawName(left);
        var b = RawName(right);
        return a.IndexOf((byte)'\\') < 0 && b.IndexOf((byte)'\\') < 0
            ? a.SequenceCompareTo(b)
            : KeyOrder.Compare(left.Name, right.Name);
    }

    private static ReadOnlySpan<byte> RawName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
    }

    private static void WriteObject(ref Utf8Builder output, JsonObject value, SignCanon canon, TopLevel topLevel)
    {
        var pool = ArrayPool<NodeEntry>.Shared;
        var entries = pool.Rent(Math.Max(1, value.Count));
        var count = 0;
        try
        {
            foreach (var (name, node) in value)
            {
                if (!Skip(name, topLevel))
                {
                    entries[count] = new NodeEntry(name, node, count);
                    count++;
                }
            }

            var span = entries.AsSpan(0, count);
            span.Sort(NodeOrder);
            output.Append((byte)'{');
            for (var i = 0; i < span.Length; i++)
            {
                if (i > 0)
                {
                    output.Append((byte)',');
                }

                WriteString(ref output, span[i].Name);
                output.Append((byte)':');
                Write(ref output, span[i].Value, canon);
            }

            output.Append((byte)'}');
        }
        finally
        {
            pool.Return(entries, clearArray: true);
        }
    }

    private static bool Skip(JsonProperty property, TopLevel topLevel) =>
        topLevel != TopLevel.Everything
        && (topLevel != TopLevel.DataAndCanon || !property.NameEquals("SIGN_CANON_V"u8))
        && (property.NameEquals("EE_SIGN"u8) || property.NameEquals("EE_SENDER"u8) || property.NameEquals("EE_HASH"u8)
            || property.NameEquals("SIGN_CANON_V"u8) || property.NameEquals("EE_ETH_SIGN"u8) || property.NameEquals("EE_ETH_SENDER"u8));

    private static bool Skip(string name, TopLevel topLevel) => topLevel switch
    {
        TopLevel.Everything => false,
        TopLevel.DataOnly => MessageFields.IsSignatureField(name),
        TopLevel.DataAndCanon => MessageFields.IsSignatureField(name) && name != MessageFields.SignCanonVersion,
        _ => false,
    };

    private static void WriteString(ref Utf8Builder output, JsonElement value)
    {
        // The raw token of a string without escapes is already its Python form: JSON forbids raw control characters
        // and quotes inside strings, and non-ASCII stays raw with ensure_ascii=False.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
        {
            raw = raw[1..^1];
        }

        if (raw.IndexOf((byte)'\\') < 0)
        {
            output.Append((byte)'"');
            output.Append(raw);
            output.Append((byte)'"');
            return;
        }

        WriteString(ref output, value.GetString()!);
    }

    private static void WriteValue(ref Utf8Builder output, JsonValue value, SignCanon canon)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            Write(ref output, element, canon);
            return;
        }

        if (value.TryGetValue<string>(out var text))
        {
            WriteString(ref output, text);
            return;
        }

        if (value.TryGetValue<bool>(out var flag))
        {
            output.Append(flag ? "true"u8 : "false"u8);
            return;
        }

        if (value.TryGetValue<double>(out var number))
        {
            WriteFloat(ref output, number, canon);
            return;
        }

        if (value.TryGetValue<float>(out var single))
        {
            // As Python's float(np.float32(x)): the exact value widened, not its shortest decimal.
            WriteFloat(ref output, single, canon);
            return;
        }

        if (value.TryGetValue<Half>(out var half))
        {
            WriteFloat(ref output, (double)half, canon);
            return;
        }

        if (value.TryGetValue<long>(out var int64))
        {
            WriteInteger(ref output, int64);
            return;
        }

        if (value.TryGetValue<int>(out var int32))
        {
            WriteInteger(ref output, int32);
            return;
        }

        if (value.TryGetValue<ulong>(out var uint64))
        {
            var span = output.GetSpan(20);
            uint64.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            output.Advance(written);
            return;
        }

        if (value.TryGetValue<uint>(out var uint32))
        {
            WriteInteger(ref output, uint32);
            return;
        }

        if (value.TryGetValue<short>(out var int16))
        {
            WriteInteger(ref output, int16);
            return;
        }

        if (value.TryGetValue<ushort>(out var uint16))
        {
            WriteInteger(ref output, uint16);
            return;
        }

        if (value.TryGetValue<byte>(out var uint8))
        {
            WriteInteger(ref output, uint8);
            return;
        }

        if (value.TryGetValue<sbyte>(out var int8))
        {
            WriteInteger(ref output, int8);
            return;
        }

        // Anything else (decimal, BigInteger, Guid, DateTime, char, enums...): as its JSON text would be read back.
        using var document = JsonDocument.Parse(value.ToJsonString());
        Write(ref output, document.RootElement, canon);
    }

    private static void WriteInteger(ref Utf8Builder output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    private static void WriteNumberToken(ref Utf8Builder output, ReadOnlySpan<byte> token, SignCanon canon)
    {
        // Python's json.loads: a token without fraction or exponent is an int (of any size); anything else a float.
        if (token.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            output.Append(token.SequenceEqual("-0"u8) ? "0"u8 : token);
            return;
        }

        WriteFloat(ref output, double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture), canon);
    }

    private static void WriteFloat(ref Utf8Builder output, double value, SignCanon canon)
    {
        if (!double.IsFinite(value))
        {
            output.Append("null"u8);
            return;
        }

        var span = output.GetSpan(PythonFloat.MaxLength);
        output.Advance(canon == SignCanon.V1 ? PythonFloat.WriteLegacy(value, span) : PythonFloat.WriteRepr(value, span));
    }

    private static void AppendRaw(ref Utf8Builder output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    /// <summary>What of a message's top-level object is written.</summary>
    internal enum TopLevel
    {
        /// <summary>Every key (plain canonical JSON).</summary>
        Everything,

        /// <summary>All but the signature fields (v1, and unversioned v2).</summary>
        DataOnly,

        /// <summary>All but the signature fields, keeping <c>SIGN_CANON_V</c> (v2).</summary>
        DataAndCanon,
    }

    private readonly record struct NodeEntry(string Name, JsonNode? Value, int Index);
}
