using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>The hand-written protobuf encoder produces the bytes the protobuf wire format specifies.</summary>
public sealed class ProtobufWriterTests
{
    [Theory]
    [InlineData(0L, new byte[] { 0x08, 0x00 })]
    [InlineData(1L, new byte[] { 0x08, 0x01 })]
    [InlineData(150L, new byte[] { 0x08, 0x96, 0x01 })]
    [InlineData(300L, new byte[] { 0x08, 0xAC, 0x02 })]
    [InlineData(-1L, new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Integers_are_varints_and_negatives_take_ten_bytes(long value, byte[] expected)
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(1, value);

        Assert.Equal(expected, writer.ToArray());
    }

    [Fact]
    public void Strings_are_length_delimited_utf8()
    {
        var writer = new ProtobufWriter();

        writer.WriteString(2, "testé");

        Assert.Equal(new byte[] { 0x12, 0x06, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0xC3, 0xA9 }, writer.ToArray());
    }

    [Fact]
    public void Floats_are_fixed32_little_endian()
    {
        var writer = new ProtobufWriter();

        writer.WriteFloat(2, 1.0f);

        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, writer.ToArray());
    }

    [Fact]
    public void Nested_messages_are_prefixed_with_their_length_and_large_field_numbers_take_two_key_bytes()
    {
        var writer = new ProtobufWriter();

        writer.WriteMessage(3, inner => inner.WriteInt64(20, 150));

        // Key of field 3 (length-delimited), length 4; key of field 20 (varint) is 0xA0 0x01; then 150.
        Assert.Equal(new byte[] { 0x1A, 0x04, 0xA0, 0x01, 0x96, 0x01 }, writer.ToArray());
    }
}
