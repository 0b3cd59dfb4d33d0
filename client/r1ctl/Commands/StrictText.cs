using System.Text;
using System.Text.Unicode;
using Ratio1.Orleans.Cli.Failures;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>
/// The text of a file or of stdin, decoded strictly: UTF-8 (or UTF-16 with a byte-order mark). Bytes that are not
/// valid text are a usage error naming the source and the byte offset, never silently replaced with U+FFFD.
/// </summary>
internal static class StrictText
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <exception cref="UsageException">The bytes are not valid text.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            return DecodeUtf8(bytes[Utf8Bom.Length..], Utf8Bom.Length, source);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = new UnicodeEncoding(bigEndian: bytes[0] == 0xFE, byteOrderMark: true, throwOnInvalidBytes: true);
            try
            {
                return encoding.GetString(bytes[2..]);
            }
            catch (DecoderFallbackException)
            {
                throw new UsageException($"cannot read {source}: it starts with a UTF-16 byte-order mark but is not valid UTF-16");
            }
        }

        return DecodeUtf8(bytes, 0, source);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int offset, string source)
    {
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        throw new UsageException($"cannot read {source}: invalid UTF-8 at byte offset {offset + read} (0x{bytes[read]:X2}); r1ctl reads UTF-8 text (or UTF-16 with a byte-order mark)");
    }
}
