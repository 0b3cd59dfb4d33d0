using System.Diagnostics;

namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>Records for one plugin instance; its attributes are built once, so recording allocates nothing.</summary>
public sealed class InstanceRecorder
{
    private readonly InstanceMetrics _metrics;
    private readonly TagList _tags;
    private readonly TagList _executionFailed;
    private readonly TagList _initialisationFailed;

    internal InstanceRecorder(InstanceMetrics metrics, string node, string pipeline, string signature)
    {
        _metrics = metrics;
        _tags = new TagList
        {
            { MetricNames.Node, node },
            { MetricNames.Pipeline, pipeline },
            { MetricNames.Signature, signature },
        };
        _executionFailed = _tags;
        _executionFailed.Add(MetricNames.Stage, "execution");
        _initialisationFailed = _tags;
        _initialisationFailed.Add(MetricNames.Stage, "initialisation");
    }

    /// <summary>A payload was queued for the traffic stream.</summary>
    public void PayloadPublished() => _metrics.Payloads.Add(1, in _tags);

    /// <summary>An execution ended (either way) after <paramref name="seconds"/>.</summary>
    public void Executed(double seconds)
    {
        _metrics.Executions.Add(1, in _tags);
        _metrics.Duration.Record(seconds, in _tags);
    }

    /// <summary>The instance failed in <paramref name="stage"/> (<c>execution</c> or <c>initialisation</c>).</summary>
    public void Failed(string stage)
    {
        if (stage == "execution")
        {
            _metrics.Errors.Add(1, in _executionFailed);
        }
        else
        {
            _metrics.Errors.Add(1, in _initialisationFailed);
        }
    }

    /// <summary>A config version was applied (outcome <c>ok</c>).</summary>
    public void ConfigApplied() => ConfigChanged("ok");

    /// <summary>A config version was refused by the plugin's schema (outcome <c>invalid</c>); the previous one runs on.</summary>
    public void ConfigInvalid() => ConfigChanged("invalid");

    /// <summary>A config version failed in the plugin's OnConfig and was rolled back (outcome <c>failed</c>).</summary>
    public void ConfigRolledBack() => ConfigChanged("failed");

    // Config changes are rare: their attributes are built when they happen.
    private void ConfigChanged(string outcome)
    {
        var tags = _tags;
        tags.Add(MetricNames.Outcome, outcome);
        _metrics.ConfigChanges.Add(1, in tags);
    }
}
