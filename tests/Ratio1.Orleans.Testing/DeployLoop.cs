using System.Collections.Concurrent;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Testing;

/// <summary>
/// A client deploying to one pipeline in a loop, as an operator's tool would during a failover: each deploy sets the
/// pipeline settings <see cref="MarkA"/> and <see cref="MarkB"/> to the same new value, so a version whose two marks
/// differ was half applied. Every attempt is recorded with its outcome; a failed one is not retried (the next deploy
/// sets a new value).
/// </summary>
public sealed class DeployLoop : IAsyncDisposable
{
    /// <summary>The first of the two settings each deploy sets.</summary>
    public const string MarkA = "FAILOVER_MARK_A";

    /// <summary>The second of the two settings each deploy sets.</summary>
    public const string MarkB = "FAILOVER_MARK_B";

    private readonly ConcurrentQueue<DeployAttempt> _attempts = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _launched;

    private DeployLoop(Ratio1Session session, string node, string pipeline, TimeSpan callTimeout, TimeSpan pause, int maxInFlight)
    {
        _loop = Task.Run(() => RunAsync(session, node, pipeline, callTimeout, pause, maxInFlight, _stop.Token));
    }

    /// <summary>How many deploys were started so far (those in flight included).</summary>
    public int Launched => Volatile.Read(ref _launched);

    /// <summary>Every attempt so far, in the order they ended.</summary>
    public IReadOnlyList<DeployAttempt> Attempts => [.. _attempts];

    /// <summary>Starts deploying to <paramref name="pipeline"/> of <paramref name="node"/> through <paramref name="session"/>.</summary>
    /// <param name="callTimeout">How long one deploy may take before it is given up (its outcome then unknown).</param>
    /// <param name="pause">Pause between the starts of two deploys.</param>
    /// <param name="maxInFlight">
    /// How many deploys may be in flight at once: 1 waits for each before the next; more keep deploying while some
    /// hang (a call in flight when a silo dies is answered only at its timeout), as independent clients would.
    /// </param>
    public static DeployLoop Start(Ratio1Session session, string node, string pipeline, TimeSpan callTimeout, TimeSpan pause, int maxInFlight = 1) =>
        new(session, node, pipeline, callTimeout, pause, maxInFlight);

    /// <summary>Waits until <paramref name="count"/> deploys that started after <paramref name="since"/> succeeded.</summary>
    public async Task WaitForSuccessesAfterAsync(DateTimeOffset since, int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (_attempts.Count(a => a.Succeeded && a.Started >= since) < count)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                var failures = _attempts.Where(a => a.Started >= since && !a.Succeeded).Select(a => a.Error).Distinct().Take(5);
                throw new TimeoutException($"Fewer than {count} deploys succeeded within {timeout.TotalSeconds} s after {since:HH:mm:ss.fff}; failures: {string.Join(" | ", failures)}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits until the first <paramref name="launched"/> deploys have all ended (succeeded, failed or timed out).</summary>
    public async Task WaitUntilEndedAsync(int launched, CancellationToken cancellationToken = default)
    {
        while (_attempts.Count(a => int.Parse(a.Mark.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) <= launched) < launched)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Stops the loop; deploys still in flight are abandoned (not recorded).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(Ratio1Session session, string node, string pipeline, TimeSpan callTimeout, TimeSpan pause, int maxInFlight, CancellationToken stop)
    {
        var inFlight = new List<Task>();
        try
        {
            for (var mark = 1; !stop.IsCancellationRequested; mark++)
            {
                while (inFlight.Count >= maxInFlight)
                {
                    inFlight.Remove(await Task.WhenAny(inFlight));
                }

                var deploy = DeployAsync(session, node, pipeline, $"m{mark}", callTimeout, stop);
                inFlight.Add(deploy);
                if (maxInFlight == 1)
                {
                    await deploy;
                }

                inFlight.RemoveAll(t => t.IsCompleted);

                await Task.Delay(pause, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(inFlight);
        }
    }

    private async Task DeployAsync(Ratio1Session session, string node, string pipeline, string mark, TimeSpan callTimeout, CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _launched);
        try
        {
            using var call = CancellationTokenSource.CreateLinkedTokenSource(stop);
            call.CancelAfter(callTimeout);
            var outcome = await session.UpdatePipelineAsync(node, pipeline, new Dictionary<string, object?> { [MarkA] = mark, [MarkB] = mark }, cancellationToken: call.Token);
            _attempts.Enqueue(new DeployAttempt(mark, started, DateTimeOffset.UtcNow, outcome.Version, null));
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            _attempts.Enqueue(new DeployAttempt(mark, started, DateTimeOffset.UtcNow, null, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}"));
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Stopped: its outcome is unknown and not counted.
        }
    }
}

/// <summary>One deploy of a <see cref="DeployLoop"/>: the mark it set, when it ran, and the version it made (null: it failed, outcome unknown).</summary>
public sealed record DeployAttempt(string Mark, DateTimeOffset Started, DateTimeOffset Ended, int? Version, string? Error)
{
    /// <summary>Whether the client saw it succeed.</summary>
    public bool Succeeded => Version is not null;
}
