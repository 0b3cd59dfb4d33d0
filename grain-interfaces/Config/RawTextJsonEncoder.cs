using System.Text.Encodings.Web;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Escapes only what JSON requires (quote, backslash, control characters) and writes every other character raw, as
/// Ratio1's Python side does (<c>ensure_ascii=False</c>). The built-in relaxed encoder still escapes characters
/// outside the basic plane, such as emoji.
/// </summary>
internal sealed class RawTextJsonEncoder : JavaScriptEncoder
{
    public static readonly RawTextJsonEncoder Instance = new();

    public override int MaxOutputCharactersPerInputCharacter => 6; // \uXXXX

    public override bool WillEncode(int unicodeScalar) => unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            < 0x20 => $"\\u{unicodeScalar:x4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };

        if (escape.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        for (var i = 0; i < escape.Length; i++)
        {
            buffer[i] = escape[i];
        }

        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
