namespace Ratio1.Orleans.Contracts.Plugins;

/// <summary>Runtime state of a plugin instance as last reported by its node.</summary>
public enum PluginInstanceState
{
    /// <summary>Configured; the node has not reported on it yet.</summary>
    Pending = 0,
    Running = 1,
    Paused = 2,
    Disabled = 3,
    /// <summary>Outside its WORKING_HOURS.</summary>
    OutsideWorkingHours = 4,
    /// <summary>Its last execution failed; it keeps retrying with a back-off.</summary>
    Failing = 5,
    Stopped = 6,
}
