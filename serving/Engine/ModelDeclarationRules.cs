using System.Globalization;
using System.Text.RegularExpressions;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Serving.Engine;

/// <summary>
/// What a model declaration must satisfy before anything is loaded: the one place it is checked (every load passes
/// through <see cref="Batching.ModelServer.Load"/>, which applies it first). Every problem is reported, each naming its
/// field and value. (What ONNX Runtime must judge — the file, its tensors against the profile and the batch size — is
/// checked when the model loads.)
/// </summary>
public static partial class ModelDeclarationRules
{
    public const int MaxNameLength = 64;

    public static void Validate(ModelDeclaration declaration)
    {
        var errors = new List<ConfigError>();
        if (!NamePattern().IsMatch(declaration.Name ?? string.Empty))
        {
            errors.Add(new ConfigError("Name", Json(declaration.Name), $"must be 1 to {MaxNameLength} characters: lower-case letters, digits, '.', '-' or '_', starting with a letter or digit"));
        }

        if (string.IsNullOrWhiteSpace(declaration.Version) || declaration.Version.Length > MaxNameLength)
        {
            errors.Add(new ConfigError("Version", Json(declaration.Version), $"must be 1 to {MaxNameLength} characters"));
        }

        if (string.IsNullOrWhiteSpace(declaration.Path))
        {
            errors.Add(new ConfigError("Path", Json(declaration.Path), "must name an .onnx file on the node"));
        }

        // A declaration is stored with its node: text storage cannot hold is refused as it is in configs.
        var texts = new[] { ("Version", declaration.Version), ("Path", declaration.Path) }
            .Concat((declaration.Labels.IsDefault ? [] : declaration.Labels).Select((label, i) => ($"Labels[{i}]", label)));
        foreach (var (field, text) in texts)
        {
            if (text is not null && StorableText.Check(text) is { } problem)
            {
                errors.Add(new ConfigError(field, ConfigValue.FromString(text).ToJson(), problem));
            }
        }

        if (!Enum.IsDefined(declaration.Profile))
        {
            errors.Add(new ConfigError("Profile", Json(declaration.Profile.ToString()), "must be RawTensor, ImageClassification or ObjectDetection"));
        }

        if (!Enum.IsDefined(declaration.Provider))
        {
            errors.Add(new ConfigError("Provider", Json(declaration.Provider.ToString()), "must be Auto, Cpu, Cuda or TensorRt"));
        }

        if (declaration.DeviceId < 0)
        {
            errors.Add(new ConfigError("DeviceId", Number(declaration.DeviceId), "must be 0 or more"));
        }

        if (declaration.WarmupRuns is < 0 or > 100)
        {
            errors.Add(new ConfigError("WarmupRuns", Number(declaration.WarmupRuns), "must be between 0 and 100"));
        }

        var batching = declaration.EffectiveBatching;
        AtLeast(errors, "Batching.MaxBatchSize", batching.MaxBatchSize, 1);
        AtLeast(errors, "Batching.MaxQueueDelayMicroseconds", batching.MaxQueueDelayMicroseconds, 0);
        AtLeast(errors, "Batching.MaxQueueSize", batching.MaxQueueSize, 1);
        AtLeast(errors, "Batching.Concurrency", batching.Concurrency, 1);
        var threads = declaration.EffectiveThreads;
        AtLeast(errors, "Threads.IntraOp", threads.IntraOp, 0);
        AtLeast(errors, "Threads.InterOp", threads.InterOp, 0);

        var image = declaration.EffectiveImage;
        if (image.Width is <= 0 or > 8192)
        {
            errors.Add(new ConfigError("Image.Width", Number(image.Width!.Value), "must be between 1 and 8192"));
        }

        if (image.Height is <= 0 or > 8192)
        {
            errors.Add(new ConfigError("Image.Height", Number(image.Height!.Value), "must be between 1 and 8192"));
        }

        // The image profiles' own rules for scale, means and deviations, so a declaration is refused for what they would refuse.
        errors.AddRange(ImagePreprocessor.Problems(image));

        var post = declaration.EffectivePostprocess;
        if (post.TopK < 1)
        {
            errors.Add(new ConfigError("Postprocess.TopK", Number(post.TopK), "must be at least 1"));
        }

        if (post.ScoreThreshold is < 0 or > 1 || float.IsNaN(post.ScoreThreshold))
        {
            errors.Add(new ConfigError("Postprocess.ScoreThreshold", Number(post.ScoreThreshold), "must be between 0 and 1"));
        }

        if (post.IouThreshold is < 0 or > 1 || float.IsNaN(post.IouThreshold))
        {
            errors.Add(new ConfigError("Postprocess.IouThreshold", Number(post.IouThreshold), "must be between 0 and 1"));
        }

        if (post.MaxDetections < 1)
        {
            errors.Add(new ConfigError("Postprocess.MaxDetections", Number(post.MaxDetections), "must be at least 1"));
        }

        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }
    }

    private static void AtLeast(List<ConfigError> errors, string field, int value, int least)
    {
        if (value < least)
        {
            errors.Add(new ConfigError(field, value.ToString(CultureInfo.InvariantCulture), least == 0 ? "must not be negative" : $"must be at least {least}"));
        }
    }

    private static string Json(string? text) => text is null ? "null" : System.Text.Json.JsonSerializer.Serialize(text);

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
