using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// The part of the protobuf wire format an ONNX model needs: varints, 32-bit floats and length-delimited fields
/// (strings, bytes, nested messages). Written by hand so that the serving project needs no protobuf runtime.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int VarintWire = 0;
    private const int LengthDelimitedWire = 2;
    private const int Fixed32Wire = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>The bytes written so far, copied.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>An int32, int64 or enum field. Negative values take ten bytes, as protobuf requires for int64.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWire);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A <c>float</c> field: four little-endian bytes.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, Fixed32Wire);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>A <c>string</c> field in UTF-8.</summary>
    public void WriteString(int field, string value)
    {
        WriteTag(field, LengthDelimitedWire);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>A <c>bytes</c> field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWire);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>
    /// A nested message field. The message is written to its own buffer first because its length prefix comes before
    /// it; models here are small, so the extra copy per nesting level does not matter.
    /// </summary>
    public void WriteMessage(int field, Action<ProtobufWriter> writeBody)
    {
        var body = new ProtobufWriter();
        writeBody(body);
        WriteBytes(field, body.WrittenSpan);
    }

    /// <summary>A field key: the field number and the wire type.</summary>
    public void WriteTag(int field, int wireType)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(field, 1);
        WriteVarint(((ulong)field << 3) | (uint)wireType);
    }

    /// <summary>A base-128 varint: seven bits a byte, least significant first, high bit set on all but the last.</summary>
    public void WriteVarint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[count++] = (byte)value;
        _buffer.Advance(count);
    }
}
