using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Grains.Runtime;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Grains.Capture;

/// <summary>
/// <c>MetaStream</c>: merges the captures of other pipelines of this node. Every item a pipeline named in
/// <c>COLLECTED_STREAMS</c> captures is also delivered here, its metadata extended with <c>STREAM_NAME</c> (the pipeline
/// it came from). A collected pipeline that does not run (yet) contributes nothing until it does. Items also carry
/// <c>COLLECTED_BY</c>, the MetaStream pipelines they went through, so MetaStreams that collect each other cannot
/// pass an item round for ever.
/// </summary>
[CaptureType("MetaStream", Description = "The captures of the node's pipelines named in COLLECTED_STREAMS, merged")]
public sealed class MetaStreamCapture : CaptureSource
{
    public const string StreamNameKey = "STREAM_NAME";
    public const string CollectedByKey = "COLLECTED_BY";

    private static readonly PluginConfigSchema SourceSchema = PluginConfigSchema.For<Settings>();

    public override PluginConfigSchema Schema => SourceSchema;

    public override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        var own = context.Pipeline.Name;
        var collected = Read(context.Pipeline.Settings, own);
        var hub = context.Services.GetRequiredService<CaptureHub>();
        using var listening = hub.Listen(collected, (origin, item) =>
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

    private static IReadOnlyList<string> Read(ConfigMap pipelineSettings, string own)
    {
        var errors = new List<ConfigError>();
        SourceSchema.Validate(pipelineSettings, string.Empty, errors);
        var names = new List<string>();
        if (errors.Count == 0 && pipelineSettings.GetValueOrDefault(Settings.Key) is { Kind: ConfigValueKind.Array } list)
        {
            for (var i = 0; i < list.Items.Length; i++)
            {
                var item = list.Items[i];
                var problem = item.Kind != ConfigValueKind.String ? "expected a pipeline name (a string)"
                    : Identifiers.CheckPipelineName(item.AsString()) is { } invalid ? invalid
                    : item.AsString() == own ? "is this pipeline itself; a MetaStream collects other pipelines"
                    : null;
                if (problem is not null)
                {
                    errors.Add(new ConfigError($"{Settings.Key}[{i}]", ConfigJson.Shorten(item.ToJson()), problem));
                }
                else
                {
                    names.Add(item.AsString());
                }
            }
        }

        return errors.Count > 0 ? throw new InvalidConfigException(errors) : names;
    }

    /// <summary>Keys of a <c>MetaStream</c> pipeline.</summary>
    public sealed class Settings
    {
        public const string Key = "COLLECTED_STREAMS";

        [ConfigKey(Required = true, MinLength = 1, Description = "Names of the pipelines of this node whose captures are merged here.")]
        public string[]? CollectedStreams { get; set; }
    }
}
