using System.Diagnostics;
using Orleans.Diagnostics;

namespace Ratio1.Orleans.Contracts.Diagnostics;

/// <summary>
/// The platform's own spans, on the <see cref="ActivitySource"/> named <see cref="SourceName"/> (client calls, deploy
/// stages, instance executions, inferences), and the names of their attributes. A process that wants them subscribes
/// to <see cref="SourceNames"/> (ours and Orleans' grain-call spans, which carry the trace context from one process to
/// the next). Without a subscriber <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null after
/// one check, so an untraced node pays nothing more.
/// </summary>
public static class Ratio1Tracing
{
    /// <summary>The name of the platform's <see cref="ActivitySource"/>.</summary>
    public const string SourceName = "Ratio1.Orleans";

    /// <summary>Attribute: the node (edge silo) the span is about.</summary>
    public const string NodeAttribute = "ratio1.node";

    /// <summary>Attribute: the pipeline's name.</summary>
    public const string PipelineAttribute = "ratio1.pipeline";

    /// <summary>Attribute: the plugin signature of an instance.</summary>
    public const string SignatureAttribute = "ratio1.signature";

    /// <summary>Attribute: the instance id.</summary>
    public const string InstanceAttribute = "ratio1.instance";

    /// <summary>Attribute: the pipeline version a deploy stored or a node applies.</summary>
    public const string VersionAttribute = "ratio1.version";

    /// <summary>Attribute: the model an inference ran on.</summary>
    public const string ModelAttribute = "ratio1.model";

    /// <summary>Attribute: how many requests shared a model run.</summary>
    public const string BatchSizeAttribute = "ratio1.batch.size";

    /// <summary>
    /// Every source a process should subscribe to for whole traces: ours, and Orleans' grain-call sources (without a
    /// subscriber to those, Orleans does not pass the trace context on with a call).
    /// </summary>
    public static IReadOnlyList<string> SourceNames { get; } =
        [SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName];

    /// <summary>The platform's <see cref="ActivitySource"/>.</summary>
    public static ActivitySource Source { get; } = new(SourceName, typeof(Ratio1Tracing).Assembly.GetName().Version?.ToString());
}
