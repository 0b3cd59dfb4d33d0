using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// The process's standard output as r1ctl writes it: UTF-8, flushed at each write, and failing with
/// <see cref="OutputClosedException"/> once its reader has gone. .NET's <see cref="Console.Out"/> ignores a closed pipe
/// (EPIPE) and carries on, so a <c>watch</c> whose reader had gone ran on, unseen, until it was killed.
/// </summary>
internal static class StandardOutput
{
    public static TextWriter Open()
    {
        Stream stream;
        try
        {
            // Windows reports a closed pipe by its own errors through the console stream; elsewhere file descriptor 1 is written directly.
            stream = OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // No usable descriptor 1 (started with stdout closed): the console's writer, which discards what it cannot write.
            return Console.Out;
        }

        return new StreamWriter(new ClosedAware(stream), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 4096) { AutoFlush = true };
    }

    /// <summary>Turns a failed write (the reader gone) into <see cref="OutputClosedException"/>.</summary>
    private sealed class ClosedAware(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                inner.Write(buffer);
            }
            catch (IOException e)
            {
                throw new OutputClosedException(e);
            }
        }

        public override void Flush()
        {
            try
            {
                inner.Flush();
            }
            catch (IOException e)
            {
                throw new OutputClosedException(e);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
