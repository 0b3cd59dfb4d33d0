namespace Ratio1.Orleans.Silo.Health;

/// <summary>The tags that sort the silo's health checks into its probes.</summary>
public static class HealthTags
{
    /// <summary>Checks of <c>/health/live</c>: the process answers; no dependency is asked.</summary>
    public const string Live = "live";

    /// <summary>Checks of <c>/health/ready</c>: the silo can do its work (storage, cluster, node, schema).</summary>
    public const string Ready = "ready";
}
