using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Reads one item's detector output into its detections: rows decoded and thresholded (<see cref="DetectionDecoder"/>),
/// then per-class non-maximum suppression (<see cref="NonMaximumSuppression"/>), best first, labelled.
/// </summary>
public static class DetectionOutput
{
    /// <summary>The detections in <paramref name="rows"/>, on the image that was sent, by descending score.</summary>
    /// <param name="rows">One item's output: rows of <paramref name="stride"/> values (5 + the number of classes).</param>
    /// <param name="resize">How the image was resized into the model's input.</param>
    public static ImmutableArray<Detection> Read(ReadOnlySpan<float> rows, int stride, ImageResize resize, PostprocessSettings settings, ImmutableArray<string> labels)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var candidates = new List<ScoredBox>();
        if (DetectionDecoder.Decode(rows, stride, settings.ScoreThreshold, resize, candidates) == 0)
        {
            return [];
        }

        var boxes = CollectionsMarshal.AsSpan(candidates);
        var kept = NonMaximumSuppression.Apply(boxes, settings.IouThreshold, settings.MaxDetections);
        var result = ImmutableArray.CreateBuilder<Detection>(kept);
        foreach (var box in boxes[..kept])
        {
            result.Add(box.ToDetection(labels));
        }

        return result.MoveToImmutable();
    }
}
