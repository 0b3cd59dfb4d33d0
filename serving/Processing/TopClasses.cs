using System.Buffers;
using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// The <c>k</c> best classes of a score vector, best first; equal scores rank by the lower class index, and NaN scores
/// rank last. One pass over the scores with a sorted window of <c>k</c> indices, so large class counts cost no sort.
/// </summary>
public static class TopClasses
{
    // Windows of up to this many classes live on the stack; larger ones are rented.
    private const int StackWindow = 256;

    /// <summary>The best <paramref name="k"/> classes (all of them when there are fewer), best first.</summary>
    public static ImmutableArray<ClassScore> Select(ReadOnlySpan<float> scores, int k, ImmutableArray<string> labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var size = Math.Min(k, scores.Length);
        if (size == 0)
        {
            return [];
        }

        int[]? rented = null;
        var window = size <= StackWindow ? stackalloc int[StackWindow] : (rented = ArrayPool<int>.Shared.Rent(size));
        try
        {
            var count = Rank(scores, window[..size]);
            var result = ImmutableArray.CreateBuilder<ClassScore>(count);
            for (var i = 0; i < count; i++)
            {
                var index = window[i];
                result.Add(new ClassScore(index, ClassLabels.Of(labels, index), scores[index]));
            }

            return result.MoveToImmutable();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    // Fills window with the indices of the best scores, best first; returns how many it holds.
    private static int Rank(ReadOnlySpan<float> scores, Span<int> window)
    {
        var count = 0;
        for (var index = 0; index < scores.Length; index++)
        {
            var score = scores[index];
            if (count == window.Length && !Beats(score, scores[window[count - 1]]))
            {
                continue;
            }

            // Walk back past every held class this one beats; an earlier index holding an equal score stays ahead.
            var at = count == window.Length ? count - 1 : count++;
            while (at > 0 && Beats(score, scores[window[at - 1]]))
            {
                window[at] = window[at - 1];
                at--;
            }

            window[at] = index;
        }

        return count;
    }

    // Strictly better; any number beats NaN, so a broken output cannot hide real classes.
    private static bool Beats(float score, float held) => score > held || (float.IsNaN(held) && !float.IsNaN(score));
}
