using System.Globalization;
using Ratio1.Orleans.Grains.Pipelines;
using Ratio1.Orleans.Serving.Engine;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Reads the <c>Limits</c> section: how large a pipeline config may be, how many instances and pipelines a node
/// takes, how large a model file a client may add, and the transport's own backstop, the largest Orleans message
/// body the silo reads (<c>Limits:MaxMessageBodyBytes</c>, above every other limit so they answer first).
/// </summary>
public sealed record LimitsSection(PipelineLimits Pipelines, long MaxModelBytes, int MaxMessageBodyBytes)
{
    public const string SectionName = "Limits";

    /// <summary>16 MiB: room for the largest config (2 MiB) and message (1 MB) with their framing, far from the 100 MiB Orleans reads by default.</summary>
    public const int DefaultMaxMessageBodyBytes = 16 * 1024 * 1024;

    public static LimitsSection Read(IConfiguration configuration, long maxTrafficMessageBytes)
    {
        var section = configuration.GetSection(SectionName);
        var pipelines = new PipelineLimits
        {
            MaxConfigBytes = Number(section, "MaxConfigBytes", PipelineLimits.DefaultMaxConfigBytes, "--max-config-bytes "),
            MaxInstancesPerPipeline = (int)Number(section, "MaxInstancesPerPipeline", PipelineLimits.DefaultMaxInstancesPerPipeline, string.Empty, int.MaxValue),
            MaxPipelinesPerNode = (int)Number(section, "MaxPipelinesPerNode", PipelineLimits.DefaultMaxPipelinesPerNode, string.Empty, int.MaxValue),
        };
        var models = Number(section, "MaxModelBytes", ServingOptions.DefaultMaxModelBytes, string.Empty);
        var body = (int)Number(section, "MaxMessageBodyBytes", DefaultMaxMessageBodyBytes, string.Empty, int.MaxValue);
        var largest = Math.Max(pipelines.MaxConfigBytes, maxTrafficMessageBytes);
        if (body <= largest)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Limits:MaxMessageBodyBytes {body:N0} must be larger than Limits:MaxConfigBytes ({pipelines.MaxConfigBytes:N0}) and Traffic:MaxMessageBytes ({maxTrafficMessageBytes:N0}), so those limits answer first."));
        }

        return new LimitsSection(pipelines, models, body);
    }

    private static long Number(IConfigurationSection section, string key, long fallback, string @switch, long max = long.MaxValue)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new ArgumentException($"{@switch}(Limits:{key}) must be a whole number from 1 to {max.ToString("N0", CultureInfo.InvariantCulture)}, not '{text}'.");
    }
}
