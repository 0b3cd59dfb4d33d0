using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>The common keys that gate an instance's loop, read from its effective config with Ratio1's defaults.</summary>
public sealed record InstanceSchedule(
    TimeSpan ProcessDelay,
    bool AllowEmptyInputs,
    bool Disabled,
    bool ForcedPause,
    int MaxInputsQueueSize,
    WorkingHours? WorkingHours,
    TimeSpan ExceptionDelay,
    TimeSpan LoopPeriod)
{
    /// <summary>Ratio1's default loop rate: an instance with no <c>PROCESS_DELAY</c> runs at most 20 times a second.</summary>
    public const double DefaultLoopResolution = 20;

    /// <summary>Key of the base back-off after a failed execution, in seconds (multiplied by the failures in a row).</summary>
    public const string ExceptionDelayKey = "PLUGIN_EXCEPTION_DELAY";

    public static InstanceSchedule From(ConfigMap effective)
    {
        var instance = new InstanceConfig("schedule", effective);
        var ignoreHours = effective.GetValueOrDefault(InstanceKeys.IgnoreWorkingHours) is { Kind: ConfigValueKind.Boolean } ignore && ignore.AsBoolean();
        var timeZone = effective.GetValueOrDefault(InstanceKeys.WorkingHoursTimezone) is { Kind: ConfigValueKind.String } zone ? zone.AsString() : null;
        var exceptionDelay = effective.GetValueOrDefault(ExceptionDelayKey) is { Kind: ConfigValueKind.Number } delay ? delay.AsDouble() : 1.0;
        var resolution = effective.GetValueOrDefault(InstanceKeys.PluginLoopResolution) is { Kind: ConfigValueKind.Number } hz && hz.AsDouble() > 0 ? hz.AsDouble() : DefaultLoopResolution;
        return new InstanceSchedule(
            TimeSpan.FromSeconds(instance.ProcessDelay),
            instance.AllowEmptyInputs,
            instance.Disabled,
            instance.ForcedPause,
            Math.Clamp(instance.MaxInputsQueueSize, 1, 512),
            ignoreHours ? null : WorkingHours.From(instance.WorkingHours, timeZone),
            TimeSpan.FromSeconds(Math.Max(0, exceptionDelay)),
            TimeSpan.FromSeconds(1 / Math.Min(resolution, 1000)));
    }

    /// <summary>The wait after <paramref name="failures"/> failed executions in a row (capped at a minute).</summary>
    public TimeSpan BackOff(int failures) => TimeSpan.FromTicks(Math.Min(ExceptionDelay.Ticks * failures, TimeSpan.FromMinutes(1).Ticks));
}
