namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Greedy non-maximum suppression per class: boxes are taken by descending score, and a box is dropped when it
/// overlaps an already kept box of its own class by an intersection over union above the threshold (boxes of different
/// classes never suppress each other), until the cap is reached.
/// </summary>
public static class NonMaximumSuppression
{
    /// <summary>
    /// Reorders <paramref name="boxes"/> so its first <c>n</c> entries are the kept boxes, by descending score (ties in a
    /// fixed order: lower class, then left, top, right, bottom), and returns <c>n</c>.
    /// </summary>
    /// <param name="iouThreshold">Overlap above which the weaker box goes: 0..1; a box overlapping exactly this much stays.</param>
    /// <param name="maxDetections">Most boxes kept.</param>
    public static int Apply(Span<ScoredBox> boxes, float iouThreshold, int maxDetections)
    {
        if (!(iouThreshold is >= 0f and <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "The IoU threshold must be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDetections);
        boxes.Sort(static (a, b) => Rank(a, b));

        // The kept boxes gather at the front; a candidate only meets kept boxes, which is what greedy NMS compares.
        var kept = 0;
        for (var i = 0; i < boxes.Length && kept < maxDetections; i++)
        {
            var candidate = boxes[i];
            if (!Overlaps(boxes[..kept], candidate, iouThreshold))
            {
                boxes[kept++] = candidate;
            }
        }

        return kept;
    }

    private static bool Overlaps(ReadOnlySpan<ScoredBox> kept, in ScoredBox candidate, float iouThreshold)
    {
        foreach (ref readonly var box in kept)
        {
            if (box.ClassIndex == candidate.ClassIndex && box.IntersectionOverUnion(candidate) > iouThreshold)
            {
                return true;
            }
        }

        return false;
    }

    // Descending score, then a fixed order of the rest, so equal scores come out the same whatever the input order.
    private static int Rank(in ScoredBox a, in ScoredBox b)
    {
        var order = b.Score.CompareTo(a.Score);
        if (order == 0)
        {
            order = a.ClassIndex.CompareTo(b.ClassIndex);
        }

        if (order == 0)
        {
            order = a.Left.CompareTo(b.Left);
        }

        if (order == 0)
        {
            order = a.Top.CompareTo(b.Top);
        }

        if (order == 0)
        {
            order = a.Right.CompareTo(b.Right);
        }

        return order != 0 ? order : a.Bottom.CompareTo(b.Bottom);
    }
}
