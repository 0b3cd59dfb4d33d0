namespace Ratio1.Orleans.Plugins;

/// <summary>Marks a <see cref="BusinessPlugin"/> class and gives its signature (upper-snake, e.g. <c>SENSOR_THRESHOLD_01</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PluginAttribute(string signature) : Attribute
{
    /// <summary>
    /// The signature instances name in a pipeline's <c>PLUGINS</c> block. Matched case-insensitively, like a capture
    /// <c>TYPE</c>: a pipeline may write <c>echo_01</c>; signatures are stored and reported upper-case.
    /// </summary>
    public string Signature { get; } = signature;

    /// <summary>One line on what the plugin does.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The plugin's version, reported in heartbeats.</summary>
    public string Version { get; init; } = "1.0.0";
}
