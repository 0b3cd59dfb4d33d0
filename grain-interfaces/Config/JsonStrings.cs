using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// JSON string literals written and read without losing anything: an unpaired surrogate is written as its
/// <c>\uXXXX</c> escape (System.Text.Json would write U+FFFD instead) and read back as itself (System.Text.Json refuses
/// it), so such text survives the wire exactly and is refused, naming its field, by whoever validates it.
/// </summary>
internal static class JsonStrings
{
    /// <summary><paramref name="text"/> as a JSON string literal, escaped as <see cref="RawTextJsonEncoder"/> does, plus unpaired surrogates.</summary>
    public static string Quote(string text) => "\"" + EscapeContent(text) + "\"";

    /// <summary>The escaped content of a JSON string literal, without its quotes.</summary>
    public static string EscapeContent(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case >= '\uD800' and <= '\uDBFF' when i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    builder.Append(c).Append(text[++i]);
                    break;
                case >= '\uD800' and <= '\uDFFF':
                    builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text of a string token's raw bytes (<paramref name="raw"/>, escapes included), keeping unpaired surrogates.
    /// <paramref name="invalidUtf8At"/> is the offset in <paramref name="raw"/> of the first byte that is not UTF-8
    /// (then the text shows U+FFFD there), or -1.
    /// </summary>
    public static string Unescape(ReadOnlySpan<byte> raw, out int invalidUtf8At)
    {
        invalidUtf8At = -1;
        var builder = new StringBuilder(raw.Length);
        var i = 0;
        while (i < raw.Length)
        {
            var backslash = raw[i..].IndexOf((byte)'\\');
            var plain = backslash < 0 ? raw[i..] : raw.Slice(i, backslash);
            AppendUtf8(builder, plain, i, ref invalidUtf8At);
            if (backslash < 0)
            {
                break;
            }

            i += backslash;
            // The reader has already checked the escapes: a known letter, or 'u' and four hex digits.
            var letter = i + 1 < raw.Length ? raw[i + 1] : (byte)'\\';
            if (letter == 'u' && i + 6 <= raw.Length)
            {
                builder.Append((char)Convert.ToUInt16(Encoding.ASCII.GetString(raw.Slice(i + 2, 4)), 16));
                i += 6;
                continue;
            }

            builder.Append(letter switch { (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', (byte)'b' => '\b', (byte)'f' => '\f', var other => (char)other });
            i += 2;
        }

        return builder.ToString();
    }

    private static void AppendUtf8(StringBuilder builder, ReadOnlySpan<byte> bytes, int offset, ref int invalidUtf8At)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            while (!bytes.IsEmpty)
            {
                var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
                builder.Append(chars, 0, written);
                if (status != System.Buffers.OperationStatus.InvalidData && status != System.Buffers.OperationStatus.NeedMoreData)
                {
                    return;
                }

                if (invalidUtf8At < 0)
                {
                    invalidUtf8At = offset + read;
                }

                builder.Append('\uFFFD');
                bytes = bytes[(read + 1)..];
                offset += read + 1;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
