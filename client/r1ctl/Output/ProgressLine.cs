using System.Diagnostics;
using System.Globalization;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// A one-line progress indicator on a terminal's stderr while a long operation runs: <c>| deploying ... (3 s)</c>,
/// redrawn in place, erased when disposed. It appears only after <see cref="DefaultDelay"/>, so quick operations print
/// nothing; disabled (redirected stderr, <c>--json</c>) it writes nothing at all.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    /// <summary>How long an operation runs before its progress line appears.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(125);

    // ASCII: any terminal and font shows it.
    private static readonly char[] Frames = ['|', '/', '-', '\\'];

    private readonly CancellationTokenSource? _stop;
    private readonly Task _drawing = Task.CompletedTask;

    private ProgressLine()
    {
    }

    private ProgressLine(TextWriter stderr, string text, TimeSpan delay)
    {
        _stop = new CancellationTokenSource();
        _drawing = DrawAsync(stderr, text, delay, Stopwatch.StartNew(), _stop.Token);
    }

    public static ProgressLine Start(TextWriter stderr, bool enabled, string text, TimeSpan? delay = null) =>
        enabled ? new ProgressLine(stderr, text, delay ?? DefaultDelay) : new ProgressLine();

    public async ValueTask DisposeAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _drawing;
        _stop.Dispose();
    }

    private static async Task DrawAsync(TextWriter stderr, string text, TimeSpan delay, Stopwatch elapsed, CancellationToken stop)
    {
        var shown = false;
        try
        {
            await Task.Delay(delay, stop);
            for (var frame = 0; !stop.IsCancellationRequested; frame++)
            {
                var seconds = elapsed.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                // Return to the line's start and erase it, then draw: the text never leaves remnants of a longer one.
                await stderr.WriteAsync($"\r\u001b[2K{Frames[frame % Frames.Length]} {text} ({seconds} s)");
                await stderr.FlushAsync(CancellationToken.None);
                shown = true;
                await Task.Delay(Period, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // A terminal that went away: progress is a courtesy, never a failure.
            return;
        }

        if (shown)
        {
            try
            {
                await stderr.WriteAsync("\r\u001b[2K");
                await stderr.FlushAsync(CancellationToken.None);
            }
            catch (IOException)
            {
            }
        }
    }
}
