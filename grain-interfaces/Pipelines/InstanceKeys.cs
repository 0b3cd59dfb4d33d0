using System.Globalization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// Keys every plugin instance understands (reference §2.4, §9.2) and their validation rules.
/// Plugin-specific keys are kept as they are; plugins add their own rules.
/// </summary>
public static class InstanceKeys
{
    public const string InstanceId = "INSTANCE_ID";
    public const string ProcessDelay = "PROCESS_DELAY";
    public const string AllowEmptyInputs = "ALLOW_EMPTY_INPUTS";
    public const string Disabled = "DISABLED";
    public const string ForcedPause = "FORCED_PAUSE";
    public const string MaxInputsQueueSize = "MAX_INPUTS_QUEUE_SIZE";
    public const string WorkingHours = "WORKING_HOURS";
    public const string WorkingHoursTimezone = "WORKING_HOURS_TIMEZONE";
    public const string IgnoreWorkingHours = "IGNORE_WORKING_HOURS";
    public const string InstanceCommand = "INSTANCE_COMMAND";
    public const string InstanceCommandLast = "INSTANCE_COMMAND_LAST";
    public const string AiEngine = "AI_ENGINE";
    public const string InferenceAiEngineParams = "INFERENCE_AI_ENGINE_PARAMS";
    public const string StartupAiEngineParams = "STARTUP_AI_ENGINE_PARAMS";
    public const string PluginLoopResolution = "PLUGIN_LOOP_RESOLUTION";
    public const string EncryptPayload = "ENCRYPT_PAYLOAD";

    /// <summary>Rules of the common instance keys.</summary>
    public static readonly ConfigRuleSet Rules = new(
    [
        new ConfigRule(ProcessDelay, ConfigType.Float) { Min = 0, Max = 86401, Description = "Minimum seconds between two executions." },
        new ConfigRule(AllowEmptyInputs, ConfigType.Bool) { Description = "Run even when the capture delivered nothing." },
        new ConfigRule(Disabled, ConfigType.Bool) { Description = "Keep the instance configured but not running." },
        new ConfigRule(ForcedPause, ConfigType.Bool) { Description = "Pause the instance until cleared." },
        new ConfigRule(MaxInputsQueueSize, ConfigType.Int) { Min = 1, Max = 512, Description = "Inputs kept waiting; 1 keeps only the latest." },
        new ConfigRule(WorkingHours, ConfigType.List | ConfigType.Dict) { Check = CheckWorkingHours, Description = "[[\"HH:MM\",\"HH:MM\"], ...] or {\"MON\": [...], ...}." },
        new ConfigRule(WorkingHoursTimezone, ConfigType.String | ConfigType.Null),
        new ConfigRule(IgnoreWorkingHours, ConfigType.Bool),
        new ConfigRule(InstanceCommand, ConfigType.Dict | ConfigType.String | ConfigType.List | ConfigType.Null) { Description = "One-shot command delivered to the instance." },
        new ConfigRule(AiEngine, ConfigType.String | ConfigType.List | ConfigType.Null) { Check = CheckAiEngine, Description = "Model(s) the instance runs inference with." },
        new ConfigRule(InferenceAiEngineParams, ConfigType.Dict | ConfigType.Null),
        new ConfigRule(StartupAiEngineParams, ConfigType.Dict | ConfigType.Null),
        new ConfigRule(PluginLoopResolution, ConfigType.Float) { Min = 0.001, Max = 1000 },
        new ConfigRule(EncryptPayload, ConfigType.Bool),
        new ConfigRule("RESEND_LAST_STATUS_ON_IDLE", ConfigType.Float | ConfigType.Bool) { Min = 0 },
        new ConfigRule("SEND_MANIFEST_EACH", ConfigType.Float | ConfigType.Null) { Min = 0 },
        new ConfigRule("CLOSE_PIPELINE_WHEN_DONE", ConfigType.Bool),
        new ConfigRule("RUNS_ONLY_ON_SUPERVISOR_NODE", ConfigType.Bool),
        new ConfigRule("IS_LOOPBACK_PLUGIN", ConfigType.Bool),
        new ConfigRule("USE_LOCAL_COMMS_ONLY", ConfigType.Bool),
        new ConfigRule("LINKED_INSTANCES", ConfigType.List | ConfigType.Null),
        new ConfigRule("CHAINSTORE_PEERS", ConfigType.List | ConfigType.Null),
    ]);

    private static readonly string[] Days = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

    private static string? CheckAiEngine(ConfigValue value) =>
        value.Kind == ConfigValueKind.Array ? PipelineKeys.CheckStringList(value) : null;

    private static string? CheckWorkingHours(ConfigValue value)
    {
        if (value.Kind == ConfigValueKind.Object)
        {
            foreach (var (day, intervals) in value.Fields)
            {
                if (!Days.Contains(day, StringComparer.OrdinalIgnoreCase))
                {
                    return $"'{day}' is not a day; use one of {string.Join(", ", Days)}";
                }

                if (intervals.Kind != ConfigValueKind.Array)
                {
                    return $"the hours of {day} must be a list of [\"HH:MM\", \"HH:MM\"] intervals";
                }

                if (CheckIntervals(intervals, day) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        return CheckIntervals(value, null);
    }

    private static string? CheckIntervals(ConfigValue list, string? day)
    {
        var where = day is null ? string.Empty : $" of {day}";
        for (var i = 0; i < list.Items.Length; i++)
        {
            var interval = list.Items[i];
            if (interval.Kind != ConfigValueKind.Array || interval.Items.Length != 2 ||
                !interval.Items.All(t => t.Kind == ConfigValueKind.String && IsClock(t.AsString())))
            {
                return $"interval {i}{where} must be [\"HH:MM\", \"HH:MM\"]";
            }
        }

        return null;
    }

    private static bool IsClock(string text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _) || text == "24:00";
}
