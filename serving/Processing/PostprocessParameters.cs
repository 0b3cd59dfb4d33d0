using System.Globalization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// A call's post-processing: the model's <see cref="PostprocessSettings"/> with the Ratio1
/// <c>INFERENCE_AI_ENGINE_PARAMS</c> of the call laid over them. Keys other than <see cref="TopK"/>,
/// <see cref="ScoreThreshold"/>, <see cref="IouThreshold"/> and <see cref="MaxDetections"/> are left alone (they may be
/// meant for other stages), and a key set to <c>null</c> keeps the model's value.
/// </summary>
public static class PostprocessParameters
{
    /// <summary>The config key that holds the parameters; error fields are named under it.</summary>
    public const string Section = "INFERENCE_AI_ENGINE_PARAMS";

    /// <summary>Classes reported by a classifier: an integer ≥ 1.</summary>
    public const string TopK = "TOP_K";

    /// <summary>Least score a detection needs: a number from 0 to 1.</summary>
    public const string ScoreThreshold = "SCORE_THRESHOLD";

    /// <summary>Overlap above which the weaker of two boxes of one class goes: a number from 0 to 1.</summary>
    public const string IouThreshold = "IOU_THRESHOLD";

    /// <summary>Most detections reported per image: an integer ≥ 1.</summary>
    public const string MaxDetections = "MAX_DETECTIONS";

    /// <summary>The settings for one call.</summary>
    /// <param name="defaults">The model's settings.</param>
    /// <param name="parameters">The call's <c>INFERENCE_AI_ENGINE_PARAMS</c>, or null for none.</param>
    /// <exception cref="InvalidConfigException">A value is out of range or of the wrong kind; every such field is named, e.g. <c>INFERENCE_AI_ENGINE_PARAMS.TOP_K</c>, with its value as JSON.</exception>
    public static PostprocessSettings Resolve(PostprocessSettings defaults, ConfigMap? parameters)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (parameters is null || parameters.Count == 0)
        {
            return defaults;
        }

        var errors = new List<ConfigError>();
        var topK = Count(parameters, TopK, defaults.TopK, errors);
        var score = Fraction(parameters, ScoreThreshold, defaults.ScoreThreshold, errors);
        var iou = Fraction(parameters, IouThreshold, defaults.IouThreshold, errors);
        var max = Count(parameters, MaxDetections, defaults.MaxDetections, errors);
        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }

        var resolved = defaults with { TopK = topK, ScoreThreshold = score, IouThreshold = iou, MaxDetections = max };
        return resolved == defaults ? defaults : resolved;
    }

    private static int Count(ConfigMap parameters, string key, int fallback, List<ConfigError> errors)
    {
        if (!Given(parameters, key, out var value))
        {
            return fallback;
        }

        if (value.TryGetInt64(out var number) && number is >= 1 and <= int.MaxValue)
        {
            return (int)number;
        }

        errors.Add(new ConfigError(Field(key), value.ToJson(), $"must be a whole number from 1 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}"));
        return fallback;
    }

    private static float Fraction(ConfigMap parameters, string key, float fallback, List<ConfigError> errors)
    {
        if (!Given(parameters, key, out var value))
        {
            return fallback;
        }

        if (value.Kind == ConfigValueKind.Number && value.AsDouble() is >= 0 and <= 1 and var number)
        {
            return (float)number;
        }

        errors.Add(new ConfigError(Field(key), value.ToJson(), "must be a number from 0 to 1"));
        return fallback;
    }

    private static bool Given(ConfigMap parameters, string key, out ConfigValue value)
    {
        value = parameters.GetValueOrDefault(key) ?? ConfigValue.Null;
        return !value.IsNull;
    }

    private static string Field(string key) => $"{Section}.{key}";
}
