using System.Buffers;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>A growable UTF-8 buffer rented from the shared pool: the canonical form of a message is built without allocating per call.</summary>
internal struct Utf8Builder : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public Utf8Builder(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Append(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes; write into it, then <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
