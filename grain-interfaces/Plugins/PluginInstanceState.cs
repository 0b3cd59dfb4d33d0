namespace Ratio1.Orleans.Contracts.Plugins;

/// <summary>Runtime state of a plugin instance as last reported by its node (see docs/plugins.md, "Instance status").</summary>
public enum PluginInstanceState
{
    /// <summary>Configured; the node has not reported on it yet.</summary>
    Pending = 0,

    /// <summary>Initialised and running its loop: executing, or waiting for inputs or its next <c>PROCESS_DELAY</c>.</summary>
    Running = 1,

    /// <summary><c>FORCED_PAUSE</c> is set: it takes configs and commands but does not execute.</summary>
    Paused = 2,

    /// <summary><c>DISABLED</c> is set: it does nothing until the key is cleared.</summary>
    Disabled = 3,

    /// <summary>Outside its <c>WORKING_HOURS</c>: it executes again when they start.</summary>
    OutsideWorkingHours = 4,

    /// <summary>Its initialisation or last execution failed (see the last error), or its config was refused; it keeps retrying with a back-off.</summary>
    Failing = 5,

    /// <summary>Its pipeline was archived; a deploy that revives the pipeline starts it again.</summary>
    Stopped = 6,

    /// <summary>It cannot run on its node (its plugin is not in the node's catalog); the last error says why.</summary>
    Failed = 7,
}
