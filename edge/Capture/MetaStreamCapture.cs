using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>MetaStream</c>: merges the captures of other pipelines of this node. Every item a pipeline named in
/// <c>COLLECTED_STREAMS</c> captures is also delivered here, its metadata extended with <c>STREAM_NAME</c> (the pipeline
/// it came from). A collected pipeline that does not run (yet) contributes nothing until it does. Items also carry
/// <c>COLLECTED_BY</c>, the MetaStream pipelines they went through, so MetaStreams that collect each other cannot
/// pass an item round for ever.
/// </summary>
[CaptureType("MetaStream", Description = "The captures of the node's pipelines named in COLLECTED_STREAMS, merged")]
public sealed class MetaStreamCapture : CaptureSource<MetaStreamCapture.MetaStreamConfig>
{
    public const string StreamNameKey = "STREAM_NAME";
    public const string CollectedByKey = "COLLECTED_BY";

    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        var own = context.Pipeline.Name;
        var collected = OtherPipelines(Config.CollectedStreams!, own);
        using var listening = context.ListenToCaptures(collected, (origin, item) =>
        {
            var path = item.Metadata.GetValueOrDefault(CollectedByKey) is { Kind: ConfigValueKind.Array } through ? through.Items : [];
            if (path.Any(p => p.Kind == ConfigValueKind.String && p.AsString() == own))
            {
                return;
            }

            context.Publish(item with
            {
                Metadata = item.Metadata
                    .SetItem(StreamNameKey, origin)
                    .SetItem(CollectedByKey, ConfigValue.FromArray([.. path, ConfigValue.FromString(own)])),
            });
        });
        context.ReportStarted();
        await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, cancellationToken);
    }

    // The key's rules (names of pipelines) were checked before the source runs; what they cannot say is that a name
    // relates to this pipeline's own NAME, so that is checked here.
    private static IReadOnlyList<string> OtherPipelines(string[] names, string own)
    {
        var errors = new List<ConfigError>();
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i] == own)
            {
                errors.Add(new ConfigError($"{MetaStreamConfig.Key}[{i}]", ConfigValue.FromString(own).ToJson(), "is this pipeline itself; a MetaStream collects other pipelines"));
            }
        }

        return errors.Count > 0 ? throw new InvalidConfigException(errors) : names;
    }

    /// <summary>Keys of a <c>MetaStream</c> pipeline.</summary>
    public sealed class MetaStreamConfig : CaptureConfig
    {
        public const string Key = "COLLECTED_STREAMS";

        /// <summary>The rule of <c>COLLECTED_STREAMS</c>: at least one pipeline name.</summary>
        public static ConfigRule CollectedStreamsRule { get; } = new(Key, ConfigType.List)
        {
            Required = true,
            MinLength = 1,
            Items = new ConfigRule(Key, ConfigType.String) { Format = ConfigFormats.PipelineName },
            Description = "Names of the pipelines of this node whose captures are merged here.",
        };

        [ConfigKey(RuleFrom = nameof(CollectedStreamsRule))]
        public string[]? CollectedStreams { get; set; }
    }
}
