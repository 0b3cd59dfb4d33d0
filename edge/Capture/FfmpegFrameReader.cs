using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// One run of the <c>ffmpeg</c> program decoding a video file, stream or image into packed RGB24 frames on its stdout
/// (<c>-f rawvideo -pix_fmt rgb24</c>), read exactly width × height × 3 bytes at a time. The frame size is read from
/// ffmpeg's description of its output stream, so it already reflects scaling and rotation. ffmpeg can only run ahead
/// of the reader by what the pipe holds (it blocks on a full pipe), so nothing piles up in memory. Cancelling a read or
/// disposing kills ffmpeg and waits for it to exit, so no process outlives its reader; failures name the URL and end
/// with ffmpeg's last stderr lines.
/// </summary>
internal sealed partial class FfmpegFrameReader : IAsyncDisposable
{
    /// <summary>The program run, found on PATH.</summary>
    public const string Program = "ffmpeg";

    private const int TailLines = 6;
    private const int TailLineLength = 300;

    private readonly Process _process;
    private readonly Stream _frames;
    private readonly ILogger _logger;
    private readonly Queue<string> _tail = new();
    private readonly Lock _tailLock = new();
    private readonly TaskCompletionSource<(int Width, int Height)> _size = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stderr;
    private bool _inOutputSection;
    private int _disposed;

    private FfmpegFrameReader(string url, Process process, ILogger logger)
    {
        Url = url;
        _process = process;
        _logger = logger;
        _frames = process.StandardOutput.BaseStream;
        _stderr = Task.Run(ReadStderrAsync);
    }

    /// <summary>The URL as configured (named in errors).</summary>
    public string Url { get; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>
    /// Starts ffmpeg on <paramref name="input"/> and waits until it has opened the input and described its output
    /// (so <see cref="Width"/> and <see cref="Height"/> are known).
    /// </summary>
    /// <param name="input">What ffmpeg reads (a stream URL, or a local file as <see cref="MediaLocation.FfmpegInput"/>).</param>
    /// <param name="url">The URL as the user configured it, for messages.</param>
    /// <exception cref="MediaDecodeException">ffmpeg is not installed, or could not open the input.</exception>
    public static async Task<FfmpegFrameReader> OpenAsync(string input, string url, FrameDecoding decoding, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var start = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in decoding.Arguments(input))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MediaDecodeException(url, $"Cannot decode '{url}': {Program} did not start");
        }
        catch (Win32Exception e)
        {
            const int NotFound = 2;
            throw new MediaDecodeException(url, e.NativeErrorCode == NotFound
                ? $"Cannot decode '{url}': the {Program} program is not installed on this node (not found on PATH); install it with 'apt-get install ffmpeg'"
                : $"Cannot decode '{url}': the {Program} program could not be run ({e.Message}); reinstall it with 'apt-get install ffmpeg'", e);
        }

        LogStarted(logger, process.Id, url);
        var reader = new FfmpegFrameReader(url, process, logger);
        try
        {
            await reader.WaitForOutputAsync(cancellationToken);
            return reader;
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The next frame's pixels (<see cref="Width"/> × <see cref="Height"/> × 3 bytes), or null when ffmpeg reached the
    /// end of the input. Cancelling kills ffmpeg: the reader is done after that.
    /// </summary>
    /// <exception cref="MediaDecodeException">ffmpeg failed, or stopped in the middle of a frame.</exception>
    public async ValueTask<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var frame = new byte[Width * Height * 3];
        var filled = 0;
        // A pipe read may not observe the token; killing ffmpeg closes the pipe, which ends the read either way.
        using (cancellationToken.UnsafeRegister(static state => ((FfmpegFrameReader)state!).Kill(), this))
        {
            while (filled < frame.Length)
            {
                var read = await _frames.ReadAsync(frame.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (filled == frame.Length)
        {
            FramesRead++;
            return frame;
        }

        await _process.WaitForExitAsync(cancellationToken);
        await _stderr;
        if (_process.ExitCode != 0)
        {
            throw Failure($"ffmpeg failed decoding '{Url}' (exit code {_process.ExitCode}) after {FramesRead} frames");
        }

        if (filled > 0)
        {
            throw Failure($"ffmpeg stopped in the middle of frame {FramesRead} of '{Url}' ({filled} of {frame.Length} bytes)");
        }

        return null;
    }

    /// <summary>Kills ffmpeg if it still runs and waits until it has exited (reaped).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
        await _stderr;
        LogExited(_logger, _process.Id, Url, _process.ExitCode, FramesRead);
        _process.Dispose();
    }

    private async Task WaitForOutputAsync(CancellationToken cancellationToken)
    {
        var (width, height) = await _size.Task.WaitAsync(cancellationToken);
        if (width > 0 && height > 0)
        {
            Width = width;
            Height = height;
            return;
        }

        // stderr ended without an output stream: ffmpeg gave up on the input.
        await _process.WaitForExitAsync(cancellationToken);
        throw Failure($"ffmpeg could not open '{Url}' (exit code {_process.ExitCode})");
    }

    private async Task ReadStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                Remember(line);
                FindOutputSize(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke with the process: what was read is the tail.
        }
        finally
        {
            _size.TrySetResult(default);
        }
    }

    // "Output #0, rawvideo, to 'pipe:1':" then "  Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24(...), 64x48 [SAR 1:1 DAR 4:3], ..."
    private void FindOutputSize(string line)
    {
        if (line.StartsWith("Output #", StringComparison.Ordinal))
        {
            _inOutputSection = true;
        }
        else if (_inOutputSection && !_size.Task.IsCompleted && OutputVideoStream().Match(line) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && width > 0 && height > 0 && (long)width * height * 3 <= Array.MaxLength)
        {
            _size.TrySetResult((width, height));
        }
    }

    private void Remember(string line)
    {
        line = line.Trim();
        if (line.Length == 0)
        {
            return;
        }

        lock (_tailLock)
        {
            _tail.Enqueue(line.Length > TailLineLength ? line[..TailLineLength] + "..." : line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private MediaDecodeException Failure(string message)
    {
        string tail;
        lock (_tailLock)
        {
            tail = string.Join(" | ", _tail);
        }

        return new MediaDecodeException(Url, tail.Length == 0 ? message : $"{message}: {tail}");
    }

    private void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    [GeneratedRegex(@"^\s*Stream #\d+:\d+.*?: Video: .*?, (\d+)x(\d+)")]
    private static partial Regex OutputVideoStream();

    [LoggerMessage(Level = LogLevel.Debug, Message = "ffmpeg {ProcessId} started on {Url}")]
    private static partial void LogStarted(ILogger logger, int processId, string url);

    [LoggerMessage(Level = LogLevel.Debug, Message = "ffmpeg {ProcessId} on {Url} ended with exit code {ExitCode} after {Frames} frames")]
    private static partial void LogExited(ILogger logger, int processId, string url, int exitCode, long frames);
}
