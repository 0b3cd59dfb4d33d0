namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// The softmax of a vector of logits: <c>exp(x[i]) / Σ exp(x[j])</c>, computed as <c>exp(x[i] - max)</c> so large
/// logits neither overflow nor lose the result to infinities.
/// </summary>
public static class Softmax
{
    /// <summary>Replaces <paramref name="values"/> with their softmax.</summary>
    public static void Apply(Span<float> values) => Apply(values, values);

    /// <summary>Writes the softmax of <paramref name="logits"/> to <paramref name="destination"/> (which may be the same memory).</summary>
    public static void Apply(ReadOnlySpan<float> logits, Span<float> destination)
    {
        if (destination.Length < logits.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values; the softmax of {logits.Length} logits needs as many.", nameof(destination));
        }

        if (logits.IsEmpty)
        {
            return;
        }

        var max = float.NegativeInfinity;
        foreach (var x in logits)
        {
            if (float.IsNaN(x))
            {
                // No distribution is defined; say so rather than report numbers that look meaningful.
                destination[..logits.Length].Fill(float.NaN);
                return;
            }

            max = MathF.Max(max, x);
        }

        if (float.IsInfinity(max))
        {
            Limit(logits, destination, max);
            return;
        }

        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var e = MathF.Exp(logits[i] - max);
            destination[i] = e;
            sum += e;
        }

        // The largest term is exp(0) = 1, so the sum is at least 1: no division by zero or overflow.
        var inverse = (float)(1.0 / sum);
        for (var i = 0; i < logits.Length; i++)
        {
            destination[i] *= inverse;
        }
    }

    // Infinite logits: the probability goes in equal shares to the +∞ ones (all -∞: to every one), as the limit does.
    private static void Limit(ReadOnlySpan<float> logits, Span<float> destination, float max)
    {
        var winners = 0;
        foreach (var x in logits)
        {
            if (x == max)
            {
                winners++;
            }
        }

        var share = 1f / winners;
        for (var i = 0; i < logits.Length; i++)
        {
            destination[i] = logits[i] == max ? share : 0f;
        }
    }
}
