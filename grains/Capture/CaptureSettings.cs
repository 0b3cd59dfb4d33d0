using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Grains.Capture;

/// <summary>Reads a capture source's keys from its pipeline, refusing bad values with the key and value named.</summary>
internal static class CaptureSettings
{
    /// <summary>The source's own keys, checked against <paramref name="schema"/> and bound to <typeparamref name="TSettings"/>.</summary>
    /// <exception cref="InvalidConfigException">A key has the wrong type or is out of range.</exception>
    public static TSettings Read<TSettings>(PluginConfigSchema schema, PipelineConfig pipeline) where TSettings : class, new()
    {
        var errors = new List<ConfigError>();
        schema.Validate(pipeline.Settings, string.Empty, errors);
        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }

        return schema.Bind<TSettings>(schema.Effective(pipeline.Settings));
    }

    /// <summary>The pipeline's <c>URL</c>, which the source cannot run without.</summary>
    /// <param name="meaning">What the URL must be, for the error (e.g. "the path of a video file").</param>
    /// <exception cref="InvalidConfigException">URL is missing or empty.</exception>
    public static string RequireUrl(PipelineConfig pipeline, string meaning) =>
        pipeline.Url is { Length: > 0 } url
            ? url
            : throw new InvalidConfigException(PipelineKeys.Url, pipeline.Settings.GetValueOrDefault(PipelineKeys.Url)?.ToJson(), $"is required by {pipeline.Type}: {meaning}");
}
