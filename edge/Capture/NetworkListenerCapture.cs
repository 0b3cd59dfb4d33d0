using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>NetworkListener</c>: feeds the pipeline with the payloads of other pipelines, on this node or any node of the
/// cluster, that match <c>PATH_FILTER</c> and <c>MESSAGE_FILTER</c>. Each payload becomes one item: its data as the
/// item's data, its path and envelope (<c>NODE</c>, <c>PIPELINE</c>, <c>SIGNATURE</c>, <c>INSTANCE_ID</c>,
/// <c>SEQUENCE</c>, <c>TIMESTAMP</c>, <c>MESSAGE_ID</c>) as metadata. The matching pipelines are listed every
/// <c>DISCOVERY_PERIOD</c> seconds and as soon as one announces itself, and their payload streams joined or left.
/// The pipeline never hears its own payloads unless <c>ACCEPT_SELF</c> is true, so an echoing pipeline whose filter
/// also matches itself does not feed on its own output.
/// </summary>
[CaptureType("NetworkListener", Description = "Payloads of other pipelines of the cluster, filtered by PATH_FILTER and MESSAGE_FILTER")]
public sealed partial class NetworkListenerCapture : CaptureSource<NetworkListenerCapture.NetworkListenerConfig>
{
    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        var path = PayloadPathFilter.From(Config.PathFilter!);
        var message = new PayloadMessageFilter(Config.MessageFilter ?? ConfigMap.Empty);
        var (ownNode, ownPipeline) = (context.NodeId, context.Pipeline.Name);
        bool Selected(string node, string pipeline) =>
            path.MatchesPipeline(node, pipeline) && (Config.AcceptSelf || node != ownNode || pipeline != ownPipeline);

        Task Deliver(Payload payload)
        {
            var envelope = payload.Envelope;
            if (envelope.Pipeline is { } pipeline && Selected(envelope.NodeId, pipeline) && path.Matches(envelope) && message.Matches(payload.Data))
            {
                context.Publish(new CaptureItem(ConfigValue.FromObject(payload.Data), null, Metadata(envelope), context.Time.GetUtcNow()));
            }

            return Task.CompletedTask;
        }

        var selection = new PayloadSelection(path.MatchesNode, Selected, TimeSpan.FromSeconds(Config.DiscoveryPeriod), e => LogDiscoveryFailed(context.Logger, e, ownPipeline));
        var watch = await context.WatchPayloadsAsync(selection, Deliver, cancellationToken);
        try
        {
            context.ReportStarted();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, cancellationToken);
        }
        finally
        {
            await LeaveAsync(watch, context.Logger, ownPipeline);
        }
    }

    private static ConfigMap Metadata(MessageEnvelope envelope) => ConfigMap.Empty
        .SetItem("NODE", envelope.NodeId)
        .SetItem("PIPELINE", envelope.Pipeline is { } pipeline ? pipeline : ConfigValue.Null)
        .SetItem("SIGNATURE", envelope.Signature is { } signature ? signature : ConfigValue.Null)
        .SetItem("INSTANCE_ID", envelope.InstanceId is { } instance ? instance : ConfigValue.Null)
        .SetItem("SEQUENCE", envelope.Sequence)
        .SetItem("TIMESTAMP", envelope.TimestampText)
        .SetItem("MESSAGE_ID", envelope.MessageId.ToString());

    // Stopping must not fail the pipeline: a stream the cluster can no longer reach is gone anyway.
    private static async Task LeaveAsync(IAsyncDisposable watch, ILogger logger, string pipeline)
    {
        try
        {
            await watch.DisposeAsync();
        }
        catch (Exception e)
        {
            LogLeaveFailed(logger, e, pipeline);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NetworkListener of pipeline {Pipeline} could not list the cluster's pipelines; retrying at the next period")]
    private static partial void LogDiscoveryFailed(ILogger logger, Exception exception, string pipeline);

    [LoggerMessage(Level = LogLevel.Debug, Message = "NetworkListener of pipeline {Pipeline} could not leave every stream while stopping")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, string pipeline);

    /// <summary>Keys of a <c>NetworkListener</c> pipeline.</summary>
    public sealed class NetworkListenerConfig : CaptureConfig
    {
        /// <summary>The rule of <c>PATH_FILTER</c>: <c>[node, pipeline, signature, instance]</c>, each null, a name or a non-empty list of names.</summary>
        public static ConfigRule PathFilterRule { get; } = new(PayloadPathFilter.Key, ConfigType.List)
        {
            MinLength = 4,
            MaxLength = 4,
            Items = new ConfigRule(PayloadPathFilter.Key, ConfigType.Null | ConfigType.String | ConfigType.List)
            {
                MinLength = 1,
                Items = new ConfigRule(PayloadPathFilter.Key, ConfigType.String),
                Description = "null (any), a name, or a list of names (any of).",
            },
            Description = "[node, pipeline, signature, instance]: each null (any), a string or a list of strings (any of).",
        };

        [ConfigKey(RuleFrom = nameof(PathFilterRule))]
        public ConfigValue? PathFilter { get; set; } = ConfigValue.FromArray(ConfigValue.Null, ConfigValue.Null, ConfigValue.Null, ConfigValue.Null);

        [ConfigKey(Description = "Keys and values the data of a payload must have to be delivered.")]
        public ConfigMap? MessageFilter { get; set; }

        [ConfigKey(Description = "Also deliver the payloads of this very pipeline (default false).")]
        public bool AcceptSelf { get; set; }

        [ConfigKey(Min = 0.1, Max = 3600, Description = "Seconds between two listings of the cluster's pipelines; a pipeline that announces itself is joined at once.")]
        public double DiscoveryPeriod { get; set; } = 2;
    }
}
