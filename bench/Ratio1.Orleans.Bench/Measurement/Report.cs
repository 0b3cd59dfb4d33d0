using System.Globalization;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>Prints samples as a table, each with its ratio to the baseline measured in the same run.</summary>
public static class Report
{
    /// <param name="references">Rows shown for context (no goal applies).</param>
    /// <param name="targets">Rows the goal applies to.</param>
    public static void Print(TextWriter output, string title, LatencySample baseline, IEnumerable<LatencySample> references, IEnumerable<LatencySample> targets, double goalRatio)
    {
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine($"{"operation",-48} {"n",6} {"p50 ms",9} {"p99 ms",9} {"mean ms",9} {"ops/s",9} {"p50 ratio",10} {"p99 ratio",10}");
        Row(output, baseline, baseline);
        foreach (var reference in references)
        {
            Row(output, reference, baseline);
        }

        foreach (var sample in targets)
        {
            Row(output, sample, baseline);
            var ratio = sample.Percentile(50) / baseline.Percentile(50);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  -> {sample.Name}: p50 is {ratio:0.00}x the baseline (goal: within {goalRatio:0.#}x) {(ratio <= goalRatio ? "MET" : "NOT MET")}"));
        }
    }

    private static void Row(TextWriter output, LatencySample sample, LatencySample baseline) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sample.Name,-48} {sample.Count,6} {sample.Percentile(50),9:0.000} {sample.Percentile(99),9:0.000} {sample.Mean,9:0.000} {sample.PerSecond,9:0} {sample.Percentile(50) / baseline.Percentile(50),9:0.00}x {sample.Percentile(99) / baseline.Percentile(99),9:0.00}x"));
}
