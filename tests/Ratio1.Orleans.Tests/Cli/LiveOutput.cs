namespace Ratio1.Orleans.Tests.Cli;

/// <summary>
/// The stdout of a command that is still running (<c>watch</c>): a test waits for a line to appear, acts, then stops
/// the command.
/// </summary>
public sealed class LiveOutput : StringWriter
{
    private readonly Lock _lock = new();
    private readonly List<(int After, Func<string, bool> Match, TaskCompletionSource Seen)> _waiting = [];
    private readonly List<string> _lines = [];

    /// <summary>How many lines have been written so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>The lines written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        lock (_lock)
        {
            var line = value ?? string.Empty;
            _lines.Add(line);
            foreach (var waiting in _waiting.Where(w => _lines.Count > w.After && w.Match(line)))
            {
                waiting.Seen.TrySetResult();
            }
        }
    }

    /// <summary>Completes once a line matching <paramref name="match"/> has been written (also one written before the call).</summary>
    /// <exception cref="TimeoutException">None was written within <paramref name="timeout"/>.</exception>
    public Task LineAsync(Func<string, bool> match, TimeSpan timeout) => LineAfterAsync(0, match, timeout);

    /// <summary>Completes once a line matching <paramref name="match"/> has been written after the first <paramref name="after"/> lines.</summary>
    /// <exception cref="TimeoutException">None was written within <paramref name="timeout"/>.</exception>
    public Task LineAfterAsync(int after, Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_lines.Skip(after).Any(match))
            {
                return Task.CompletedTask;
            }

            _waiting.Add((after, match, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }
}
