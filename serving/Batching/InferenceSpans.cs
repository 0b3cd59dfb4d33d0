using System.Diagnostics;
using Ratio1.Orleans.Contracts.Diagnostics;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// The serving engine's spans (docs/tracing.md): one per request (<see cref="Request"/>, a child of its caller, e.g. an
/// instance's execution) with its queue wait as a child (<see cref="QueueWait"/>), and one per batch (<see cref="Batch"/>)
/// linked to every request it ran, with the model run inside it (<see cref="Run"/>). A batch continues the trace of its
/// first traced request, so it is kept whenever that request is. Nothing is started when nothing listens.
/// </summary>
internal static class InferenceSpans
{
    public const string Request = "ratio1.inference";
    public const string QueueWait = "ratio1.inference.queue";
    public const string Batch = "ratio1.inference.batch";
    public const string Run = "ratio1.inference.run";

    public static bool Listening => Ratio1Tracing.Source.HasListeners();

    public static Activity? StartRequest(string model)
    {
        var span = Ratio1Tracing.Source.StartActivity(Request);
        span?.SetTag(Ratio1Tracing.ModelAttribute, model);
        return span;
    }

    /// <summary>The context a queued request is traced in (default: not traced).</summary>
    public static ActivityContext Caller() => Activity.Current is { Recorded: true } current ? current.Context : default;

    /// <summary>Starts the span of a batch taken at <paramref name="takenAt"/> (Stopwatch ticks), and records each traced request's queue wait.</summary>
    public static Activity? StartBatch(string model, ReadOnlySpan<PendingInference> items, long takenAt)
    {
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        var now = DateTime.UtcNow;
        var taken = now - Stopwatch.GetElapsedTime(takenAt);
        foreach (var item in items)
        {
            if (item.Trace == default)
            {
                continue;
            }

            if (parent == default)
            {
                parent = item.Trace;
            }

            (links ??= []).Add(new ActivityLink(item.Trace));
            using var wait = Ratio1Tracing.Source.StartActivity(QueueWait, ActivityKind.Internal, item.Trace,
                startTime: now - Stopwatch.GetElapsedTime(item.EnqueuedAt));
            wait?.SetTag(Ratio1Tracing.ModelAttribute, model).SetEndTime(taken);
        }

        var batch = Ratio1Tracing.Source.StartActivity(Batch, ActivityKind.Internal, parent, links: links, startTime: taken);
        batch?.SetTag(Ratio1Tracing.ModelAttribute, model).SetTag(Ratio1Tracing.BatchSizeAttribute, items.Length);
        return batch;
    }

    public static Activity? StartRun(string model)
    {
        var span = Ratio1Tracing.Source.StartActivity(Run);
        span?.SetTag(Ratio1Tracing.ModelAttribute, model);
        return span;
    }

    /// <summary>Marks a span whose work failed; false, so it can sit in an exception filter without catching.</summary>
    public static bool Failed(Activity? span, Exception error)
    {
        span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        return false;
    }
}
