using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// Pipeline-level keys of a Ratio1 pipeline config (reference §2.3, §2.5) and their validation rules.
/// Keys without a rule (capture-source specific ones) are kept and passed to the capture source as they are.
/// </summary>
public static class PipelineKeys
{
    public const string Name = "NAME";
    public const string Type = "TYPE";
    public const string Plugins = "PLUGINS";
    public const string Url = "URL";
    public const string CapResolution = "CAP_RESOLUTION";
    public const string Reconnectable = "RECONNECTABLE";
    public const string LiveFeed = "LIVE_FEED";
    public const string MaxRetries = "MAX_RETRIES";
    public const string SleepTimeOnError = "SLEEP_TIME_ON_ERROR";
    public const string CollectedStreams = "COLLECTED_STREAMS";
    public const string StreamConfigMetadata = "STREAM_CONFIG_METADATA";
    public const string PipelineCommand = "PIPELINE_COMMAND";
    public const string LastPipelineCommand = "LAST_PIPELINE_COMMAND";
    public const string DefaultPlugin = "DEFAULT_PLUGIN";
    public const string AllowedPlugins = "ALLOWED_PLUGINS";

    // Maintained by the node, not by the author of a config: dropped from incoming configs, filled in on export.
    public const string InitiatorId = "INITIATOR_ID";
    public const string InitiatorAddr = "INITIATOR_ADDR";
    public const string ModifiedById = "MODIFIED_BY_ID";
    public const string ModifiedByAddr = "MODIFIED_BY_ADDR";
    public const string SessionId = "SESSION_ID";
    public const string LastUpdateTime = "LAST_UPDATE_TIME";
    public const string Owner = "OWNER";

    /// <summary>Keys the node maintains itself; incoming values are ignored.</summary>
    public static readonly IReadOnlySet<string> ServerMaintained = new HashSet<string>(StringComparer.Ordinal)
    {
        InitiatorId, InitiatorAddr, ModifiedById, ModifiedByAddr, SessionId, LastUpdateTime, Owner,
    };

    /// <summary>Values RECONNECTABLE accepts besides booleans.</summary>
    public static readonly IReadOnlyList<string> ReconnectableValues = ["YES", "NO", "KEEPALIVE"];

    /// <summary>
    /// Rules of the pipeline-level keys (NAME, TYPE and PLUGINS are checked by the reader itself). The capture keys
    /// every source understands (URL, CAP_RESOLUTION, RECONNECTABLE, LIVE_FEED, MAX_RETRIES, SLEEP_TIME_ON_ERROR) are
    /// declared here once, with their defaults: capture sources' typed settings take these rules for them.
    /// </summary>
    public static readonly ConfigRuleSet Rules = new(
    [
        new ConfigRule(Url, ConfigType.String | ConfigType.Int | ConfigType.Null) { Description = "Address of the capture source (file path, stream URL, camera index)." },
        new ConfigRule(CapResolution, ConfigType.Float) { Min = 0.0003, Max = 250, Default = 1, Description = "Capture rate in Hz." },
        new ConfigRule(Reconnectable, ConfigType.Bool | ConfigType.String) { AllowedValues = ReconnectableValues, Default = "YES", Description = "Reconnect policy: YES, NO or KEEPALIVE." },
        new ConfigRule(LiveFeed, ConfigType.Bool) { Default = true, Description = "Keep only the latest capture instead of buffering." },
        new ConfigRule(CollectedStreams, ConfigType.List) { Check = CheckStringList, Description = "Pipelines merged by a MetaStream." },
        new ConfigRule(StreamConfigMetadata, ConfigType.Dict | ConfigType.Null),
        new ConfigRule(PipelineCommand, ConfigType.Dict | ConfigType.String | ConfigType.Null),
        new ConfigRule(DefaultPlugin, ConfigType.Bool | ConfigType.String | ConfigType.Null),
        new ConfigRule(AllowedPlugins, ConfigType.List | ConfigType.Null) { Check = CheckStringList },
        new ConfigRule("USE_LOCAL_COMMS_ONLY", ConfigType.Bool),
        new ConfigRule("MAX_IDLE_TIME", ConfigType.Float) { Min = 0 },
        new ConfigRule(MaxRetries, ConfigType.Int) { Min = 0, Default = 10, Description = "Reconnections after a failure with RECONNECTABLE YES." },
        new ConfigRule(SleepTimeOnError, ConfigType.Float) { Min = 0, Default = 10, Description = "Seconds between a failure and the reconnection." },
        new ConfigRule("MAX_DEQUE_LEN", ConfigType.Int) { Min = 1 },
        new ConfigRule("STREAM_WINDOW", ConfigType.Int) { Min = 1 },
        new ConfigRule("NR_SKIP_FRAMES", ConfigType.Int) { Min = 0 },
    ]);

    /// <summary><c>RECONNECTABLE</c> normalised to YES, NO or KEEPALIVE (a boolean means YES or NO; absent means YES).</summary>
    public static string ReconnectPolicy(ConfigValue? value) => value switch
    {
        { Kind: ConfigValueKind.Boolean } b => b.AsBoolean() ? "YES" : "NO",
        { Kind: ConfigValueKind.String } s => s.AsString().ToUpperInvariant(),
        _ => "YES",
    };

    internal static string? CheckStringList(ConfigValue value)
    {
        for (var i = 0; i < value.Items.Length; i++)
        {
            if (value.Items[i].Kind != ConfigValueKind.String)
            {
                return $"element {i} must be a string";
            }
        }

        return null;
    }
}
