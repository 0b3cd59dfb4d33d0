using System.Diagnostics;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>
/// Saturation load: a fixed number of callers, each starting its next call as soon as the last returns, for a warm-up
/// stretch and then a measured window. Counts the items completed in the window and the latency of each call.
/// </summary>
public static class ClosedLoop
{
    /// <summary>Asynchronous callers (tasks on the thread pool); <paramref name="call"/> returns the items it served.</summary>
    public static async Task<LoadSample> RunAsync(string name, int callers, Func<int, Task<int>> call, TimeSpan warmup, TimeSpan window)
    {
        var state = new WindowState();
        var latencies = new List<double>[callers];
        var items = new long[callers];
        var loops = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            for (var n = 0; !state.Stopped; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var served = await call(c * 1_000_003 + n).ConfigureAwait(false);
                if (state.Measuring)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    items[c] += served;
                }
            }
        })).ToArray();
        var measured = await state.RunAsync(warmup, window);
        await Task.WhenAll(loops);
        return new LoadSample(name, items.Sum(), measured, [.. latencies.SelectMany(l => l)]);
    }

    /// <summary>Synchronous callers, each on a thread of its own (the way a dedicated inference loop calls ONNX Runtime).</summary>
    public static async Task<LoadSample> RunThreadsAsync(string name, int threads, Func<int, int> call, TimeSpan warmup, TimeSpan window)
    {
        var state = new WindowState();
        var latencies = new List<double>[threads];
        var items = new long[threads];
        var workers = Enumerable.Range(0, threads).Select(t =>
        {
            var thread = new Thread(() =>
            {
                var mine = latencies[t] = new List<double>(4096);
                while (!state.Stopped)
                {
                    var started = Stopwatch.GetTimestamp();
                    var served = call(t);
                    if (state.Measuring)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                        items[t] += served;
                    }
                }
            })
            { IsBackground = true, Name = $"bench-direct#{t}" };
            thread.Start();
            return thread;
        }).ToArray();
        var measured = await state.RunAsync(warmup, window);
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return new LoadSample(name, items.Sum(), measured, [.. latencies.SelectMany(l => l)]);
    }

    private sealed class WindowState
    {
        private volatile bool _measuring;
        private volatile bool _stopped;

        public bool Measuring => _measuring;

        public bool Stopped => _stopped;

        public async Task<TimeSpan> RunAsync(TimeSpan warmup, TimeSpan window)
        {
            await Task.Delay(warmup);
            var started = Stopwatch.GetTimestamp();
            _measuring = true;
            await Task.Delay(window);
            _measuring = false;
            var measured = Stopwatch.GetElapsedTime(started);
            _stopped = true;
            return measured;
        }
    }
}
