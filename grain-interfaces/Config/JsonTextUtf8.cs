using System.Text;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// JSON text held in a .NET string, as UTF-8 for the reader, without silently rewriting an unpaired surrogate (plain
/// UTF-8 encoding turns it into U+FFFD): one inside a string becomes its <c>\uXXXX</c> escape, which the reader then
/// refuses naming the field; one anywhere else is refused here with its line and position.
/// </summary>
internal static class JsonTextUtf8
{
    private enum Place { Outside, InString, AfterBackslash, LineComment, BlockComment }

    public static byte[] Encode(string json)
    {
        if (StorableText.FindUnpairedSurrogate(json) < 0)
        {
            return Encoding.UTF8.GetBytes(json);
        }

        var text = new StringBuilder(json.Length + 16);
        var place = Place.Outside;
        var (line, lineStart) = (1, 0);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                text.Append(c).Append(json[++i]);
                place = place == Place.AfterBackslash ? Place.InString : place;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                switch (place)
                {
                    case Place.InString:
                        text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        continue;
                    case Place.LineComment or Place.BlockComment:
                        // Comments are skipped by the reader: nothing of them is kept.
                        text.Append('?');
                        continue;
                    default:
                        throw new InvalidConfigException("$", null,
                            $"malformed JSON at line {line}, position {i - lineStart + 1}: an unpaired surrogate (U+{(int)c:X4}) " +
                            (place == Place.AfterBackslash ? "after a backslash" : "outside a string") + ", which is not valid Unicode text");
                }
            }

            text.Append(c);
            var next = i + 1 < json.Length ? json[i + 1] : '\0';
            switch (place)
            {
                case Place.Outside when c == '"':
                    place = Place.InString;
                    break;
                case Place.Outside when c == '/' && next == '/':
                    place = Place.LineComment;
                    text.Append(json[++i]);
                    break;
                case Place.Outside when c == '/' && next == '*':
                    place = Place.BlockComment;
                    text.Append(json[++i]);
                    break;
                case Place.InString when c == '\\':
                    place = Place.AfterBackslash;
                    break;
                case Place.InString when c == '"':
                    place = Place.Outside;
                    break;
                case Place.AfterBackslash:
                    place = Place.InString;
                    break;
                case Place.LineComment when c is '\n' or '\r':
                    place = Place.Outside;
                    break;
                case Place.BlockComment when c == '*' && next == '/':
                    place = Place.Outside;
                    text.Append(json[++i]);
                    break;
            }

            if (c == '\n')
            {
                (line, lineStart) = (line + 1, i + 1);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
