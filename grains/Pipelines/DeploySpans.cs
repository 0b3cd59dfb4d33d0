using System.Diagnostics;
using Ratio1.Orleans.Contracts.Diagnostics;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// The spans of a deploy's stages in the control plane (validate, write, push), children of the grain call that
/// carries the client's trace (docs/tracing.md). Null, at the cost of one check, when nothing listens.
/// </summary>
internal static class DeploySpans
{
    public const string Validate = "ratio1.deploy.validate";
    public const string Write = "ratio1.deploy.write";
    public const string Push = "ratio1.deploy.push";

    public static Activity? Start(string stage, string node, string pipeline, int? version = null)
    {
        var span = Ratio1Tracing.Source.StartActivity(stage);
        span?.SetTag(Ratio1Tracing.NodeAttribute, node).SetTag(Ratio1Tracing.PipelineAttribute, pipeline).SetTag(Ratio1Tracing.VersionAttribute, version);
        return span;
    }

    /// <summary>Marks a stage that refused or failed the change.</summary>
    public static void Failed(Activity? span, Exception error) => span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
}
