namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>An instance's failure as a notification reported it.</summary>
/// <param name="Code">The notification's Ratio1 tag (<c>PLUGIN_DELAYED</c>, <c>PLUGIN_CONFIG_FAILED</c>, or a plugin's own code).</param>
/// <param name="Message">The notification's message.</param>
/// <param name="At">When the node sent it.</param>
public sealed record InstanceError(string Code, string Message, DateTimeOffset At);
