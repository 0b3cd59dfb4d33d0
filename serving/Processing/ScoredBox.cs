using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// A candidate detection before labelling: its class, score and box corners (left, top, right, bottom) in pixels of the
/// image that was sent. A value type so the many candidates of one image cost no allocations.
/// </summary>
public readonly record struct ScoredBox(int ClassIndex, float Score, float Left, float Top, float Right, float Bottom)
{
    /// <summary>The box's area (0 for an empty box).</summary>
    public float Area => MathF.Max(0f, Right - Left) * MathF.Max(0f, Bottom - Top);

    /// <summary>Intersection over union with <paramref name="other"/>: 0 for disjoint boxes, 1 for identical ones.</summary>
    public float IntersectionOverUnion(in ScoredBox other)
    {
        var width = MathF.Min(Right, other.Right) - MathF.Max(Left, other.Left);
        var height = MathF.Min(Bottom, other.Bottom) - MathF.Max(Top, other.Top);
        if (width <= 0f || height <= 0f)
        {
            return 0f;
        }

        var intersection = width * height;
        return intersection / (Area + other.Area - intersection);
    }

    /// <summary>The detection reported for this box.</summary>
    public Detection ToDetection(ImmutableArray<string> labels) => new(ClassIndex, ClassLabels.Of(labels, ClassIndex), Score, Left, Top, Right, Bottom);
}
