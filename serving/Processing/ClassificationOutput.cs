using System.Buffers;
using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Reads one item's classifier output into its best classes: softmax when the settings ask for it (off for models that
/// already end in one), then the top <see cref="PostprocessSettings.TopK"/> with their labels.
/// </summary>
public static class ClassificationOutput
{
    /// <summary>The best classes of <paramref name="scores"/> (one item's output), best first.</summary>
    public static ImmutableArray<ClassScore> Read(ReadOnlySpan<float> scores, PostprocessSettings settings, ImmutableArray<string> labels)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Softmax)
        {
            return TopClasses.Select(scores, settings.TopK, labels);
        }

        // The output tensor is shared with the caller, so the probabilities go to a rented buffer.
        var probabilities = ArrayPool<float>.Shared.Rent(scores.Length);
        try
        {
            var span = probabilities.AsSpan(0, scores.Length);
            Softmax.Apply(scores, span);
            return TopClasses.Select(span, settings.TopK, labels);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(probabilities);
        }
    }
}
