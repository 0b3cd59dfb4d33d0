using System.Diagnostics;
using Ratio1.Orleans.Contracts.Diagnostics;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// The edge runtime's spans (docs/tracing.md): a pushed version applied by the node (child of the deploy that pushed
/// it), an instance taking its new config, and an instance's executions — the first one after a config is applied
/// continues the deploy's trace, the others are roots of their own. Each is null, after one check, when nothing
/// listens or the sampler declines it, so an untraced node's loops stay as cheap as before.
/// </summary>
internal static class RuntimeSpans
{
    public const string Apply = "ratio1.deploy.apply";
    public const string InstanceApply = "ratio1.instance.apply";
    public const string Execution = "ratio1.instance.execute";

    // Orleans' activity propagation carries the caller's context in the request context under this W3C name.
    private const string TraceParentKey = "traceparent";
    private const string TraceStateKey = "tracestate";

    /// <summary>
    /// The trace the call being served belongs to: Orleans' incoming span when there is one, else the context the
    /// caller sent (calls to the runtime's object reference may arrive without an incoming span).
    /// </summary>
    public static ActivityContext Caller()
    {
        if (Activity.Current is { } current)
        {
            return current.Context;
        }

        return RequestContext.Get(TraceParentKey) is string parent
            && ActivityContext.TryParse(parent, RequestContext.Get(TraceStateKey) as string, isRemote: true, out var context)
            ? context
            : default;
    }

    /// <summary>The context an instance's work should continue: the span applying a version, if any.</summary>
    public static ActivityContext Current() => Activity.Current?.Context ?? default;

    public static Activity? StartApply(string node, string pipeline, int version, ActivityContext parent)
    {
        var span = Ratio1Tracing.Source.StartActivity(Apply, ActivityKind.Internal, parent);
        span?.SetTag(Ratio1Tracing.NodeAttribute, node).SetTag(Ratio1Tracing.PipelineAttribute, pipeline).SetTag(Ratio1Tracing.VersionAttribute, version);
        return span;
    }

    public static Activity? StartInstance(string name, InstanceRunner instance, ActivityContext parent)
    {
        var span = Ratio1Tracing.Source.StartActivity(name, ActivityKind.Internal, parent);
        span?.SetTag(Ratio1Tracing.NodeAttribute, instance.NodeId)
            .SetTag(Ratio1Tracing.PipelineAttribute, instance.Pipeline)
            .SetTag(Ratio1Tracing.SignatureAttribute, instance.Signature)
            .SetTag(Ratio1Tracing.InstanceAttribute, instance.InstanceId);
        return span;
    }

    /// <summary>Marks a span whose work failed; false, so it can sit in an exception filter without catching.</summary>
    public static bool Failed(Activity? span, Exception error)
    {
        span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        return false;
    }
}
