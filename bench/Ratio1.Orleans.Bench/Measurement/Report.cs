using System.Globalization;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>Prints each comparison: the target, the baseline measured alternately with it, and their ratios.</summary>
public static class Report
{
    /// <param name="comparisons">Each comparison with its goal: the target's p50 must be within this multiple of its baseline's p50 (null: no goal, shown for context).</param>
    public static void Print(TextWriter output, string title, IEnumerable<(Comparison Comparison, double? GoalRatio)> comparisons)
    {
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine($"{"operation",-52} {"n",6} {"p50 ms",9} {"p99 ms",9} {"mean ms",9} {"ops/s",8} {"p50 ratio",10} {"p99 ratio",10}");
        foreach (var (comparison, goal) in comparisons)
        {
            Row(output, comparison.Target, comparison.P50Ratio, comparison.P99Ratio);
            Row(output, comparison.Baseline, 1, 1, indent: "  vs ");
            if (goal is { } ratio)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  => p50 {comparison.P50Ratio:0.00}x the baseline; goal within {ratio:0.#}x: {(comparison.P50Ratio <= ratio ? "MET" : "NOT MET")}"));
            }
        }
    }

    private static void Row(TextWriter output, LatencySample sample, double p50Ratio, double p99Ratio, string indent = "") =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{indent + sample.Name,-52} {sample.Count,6} {sample.Percentile(50),9:0.000} {sample.Percentile(99),9:0.000} {sample.Mean,9:0.000} {sample.PerSecond,8:0} {p50Ratio,9:0.00}x {p99Ratio,9:0.00}x"));
}
