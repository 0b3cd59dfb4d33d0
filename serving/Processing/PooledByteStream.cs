using System.Buffers;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// A write-only, growable stream over arrays rented from <see cref="ArrayPool{T}.Shared"/>: building a file of
/// unknown size (a compressed image) costs one exact-size array at the end rather than every doubling of a
/// <see cref="MemoryStream"/>. Dispose it to return the buffer.
/// </summary>
internal sealed class PooledByteStream(int initialCapacity) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    private int _length;

    /// <summary>The bytes written so far (valid until the next write or disposal).</summary>
    public Span<byte> Written => _buffer.AsSpan(0, _length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Reserve(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void Reserve(int more)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = (long)_length + more;
        if (needed <= _buffer.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new IOException($"A PNG cannot grow past {Array.MaxLength} bytes.");
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(needed, 2L * _buffer.Length), Array.MaxLength));
        Written.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
