namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>A soak test that runs only when <c>R1_CHURN_MINUTES</c> is set (it runs that many minutes); skipped, saying how, otherwise.</summary>
public sealed class ChurnFactAttribute : FactAttribute
{
    public const string Variable = "R1_CHURN_MINUTES";

    public ChurnFactAttribute()
    {
        if (Minutes is null)
        {
            Skip = $"A soak test: set {Variable} (e.g. 60) to run it.";
        }
    }

    /// <summary>How long the churn lasts, from <c>R1_CHURN_MINUTES</c>.</summary>
    public static double? Minutes =>
        double.TryParse(Environment.GetEnvironmentVariable(Variable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? minutes
            : null;
}
