namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Reads a detection model's output rows — <c>[cx, cy, w, h, objectness, class scores...]</c>, the box in model-input
/// pixels — into <see cref="ScoredBox"/>es on the image that was sent: score = objectness × best class score, class =
/// the best class (the lower index on a tie), kept when the score reaches the threshold.
/// </summary>
public static class DetectionDecoder
{
    /// <summary>Values before the class scores in a row: centre x, centre y, width, height, objectness.</summary>
    public const int BoxFields = 5;

    /// <summary>
    /// Appends the boxes of <paramref name="rows"/> (one item's output: rows of <paramref name="stride"/> values, 5 +
    /// the number of classes) that score at least <paramref name="scoreThreshold"/> to <paramref name="destination"/>,
    /// their corners mapped through <paramref name="resize"/> and clamped to the image that was sent.
    /// </summary>
    /// <returns>How many boxes were appended.</returns>
    public static int Decode(ReadOnlySpan<float> rows, int stride, float scoreThreshold, ImageResize resize, List<ScoredBox> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (stride <= BoxFields)
        {
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"A detection row holds {BoxFields} box values and at least one class score.");
        }

        if (rows.Length % stride != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole rows of {stride}.", nameof(rows));
        }

        if (float.IsNaN(scoreThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(scoreThreshold), scoreThreshold, "The score threshold must be a number.");
        }

        float scaleX = resize.ScaleX, scaleY = resize.ScaleY;
        float width = resize.SourceWidth, height = resize.SourceHeight;
        var added = 0;
        for (var start = 0; start < rows.Length; start += stride)
        {
            var row = rows.Slice(start, stride);
            var classes = row[BoxFields..];
            var best = 0;
            for (var c = 1; c < classes.Length; c++)
            {
                if (classes[c] > classes[best])
                {
                    best = c;
                }
            }

            // NaN fails this test too, so a broken row is dropped rather than reported.
            var score = row[4] * classes[best];
            if (!(score >= scoreThreshold))
            {
                continue;
            }

            float halfWidth = row[2] * 0.5f, halfHeight = row[3] * 0.5f;
            var left = Math.Clamp((row[0] - halfWidth) * scaleX, 0f, width);
            var top = Math.Clamp((row[1] - halfHeight) * scaleY, 0f, height);
            var right = Math.Clamp((row[0] + halfWidth) * scaleX, 0f, width);
            var bottom = Math.Clamp((row[1] + halfHeight) * scaleY, 0f, height);

            // An empty box (outside the image, or of no size) marks nothing; NaN corners also fail these tests.
            if (!(right > left && bottom > top))
            {
                continue;
            }

            destination.Add(new ScoredBox(best, score, left, top, right, bottom));
            added++;
        }

        return added;
    }
}
