using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// The keys every capture source understands (Ratio1's base capture config): <c>URL</c>, <c>CAP_RESOLUTION</c>,
/// <c>RECONNECTABLE</c>, <c>LIVE_FEED</c>, <c>MAX_RETRIES</c>, <c>SLEEP_TIME_ON_ERROR</c>. Their rules and defaults
/// are declared once, in <see cref="PipelineKeys.Rules"/>, which every pipeline document is read with. A source's
/// typed config derives from this class (see <see cref="CaptureSource{TConfig}"/>); to tighten a common key for one
/// source, override its property with a <see cref="ConfigKeyAttribute"/> of its own (a source that needs a
/// <c>URL</c> overrides <see cref="Url"/> with <c>[ConfigKey(Required = true, MinLength = 1)]</c>).
/// </summary>
public class CaptureConfig
{
    /// <summary><c>URL</c>: where the source captures from (a file, a folder, a stream URL), or null.</summary>
    public virtual string? Url { get; set; }

    /// <summary><c>CAP_RESOLUTION</c>: captures per second.</summary>
    public virtual double CapResolution { get; set; } = Declared(PipelineKeys.CapResolution).AsDouble();

    /// <summary><c>RECONNECTABLE</c> as given: <c>YES</c>, <c>NO</c>, <c>KEEPALIVE</c> or a boolean (see <see cref="ReconnectPolicy"/>).</summary>
    public virtual ConfigValue Reconnectable { get; set; } = Declared(PipelineKeys.Reconnectable);

    /// <summary><c>LIVE_FEED</c>: only the newest captures matter.</summary>
    public virtual bool LiveFeed { get; set; } = Declared(PipelineKeys.LiveFeed).AsBoolean();

    /// <summary><c>MAX_RETRIES</c>: reconnections after failures in a row with <c>RECONNECTABLE</c> YES.</summary>
    public virtual int MaxRetries { get; set; } = (int)Declared(PipelineKeys.MaxRetries).AsDouble();

    /// <summary><c>SLEEP_TIME_ON_ERROR</c>: seconds between a failure and the reconnection.</summary>
    public virtual double SleepTimeOnError { get; set; } = Declared(PipelineKeys.SleepTimeOnError).AsDouble();

    /// <summary><c>RECONNECTABLE</c> normalised: <c>YES</c>, <c>NO</c> or <c>KEEPALIVE</c>.</summary>
    public string ReconnectPolicy => PipelineKeys.ReconnectPolicy(Reconnectable);

    // The defaults live with the rules, so a new CaptureConfig starts where binding an empty config would.
    private static ConfigValue Declared(string key) =>
        PipelineKeys.Rules.Find(key)?.Default ?? throw new InvalidOperationException($"PipelineKeys.Rules declares no default for {key}.");
}
