using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Engine;

/// <summary>
/// One model in the silo's settings (<c>Serving:Models:N:...</c>): the settings-file shape of a
/// <see cref="ModelDeclaration"/>. Unset values take the declaration's defaults.
/// </summary>
public sealed class ModelOptions
{
    public string Name { get; set; } = string.Empty;

    public string Version { get; set; } = "1";

    public string Path { get; set; } = string.Empty;

    public ModelProfile Profile { get; set; } = ModelProfile.RawTensor;

    public ExecutionProvider Provider { get; set; } = ExecutionProvider.Auto;

    public int DeviceId { get; set; }

    public List<string> Labels { get; set; } = [];

    public int? MaxBatchSize { get; set; }

    public int? MaxQueueDelayMicroseconds { get; set; }

    public int? MaxQueueSize { get; set; }

    public int? Concurrency { get; set; }

    public int? IntraOpThreads { get; set; }

    public int? InterOpThreads { get; set; }

    public int? ImageWidth { get; set; }

    public int? ImageHeight { get; set; }

    public float? ImageScale { get; set; }

    public List<float> ImageMean { get; set; } = [];

    public List<float> ImageStd { get; set; } = [];

    public bool ImageBgr { get; set; }

    public bool? Softmax { get; set; }

    public int? TopK { get; set; }

    public float? ScoreThreshold { get; set; }

    public float? IouThreshold { get; set; }

    public int? MaxDetections { get; set; }

    public int WarmupRuns { get; set; } = 2;

    /// <summary>The declaration these settings describe (relative paths are resolved against <paramref name="baseDirectory"/>).</summary>
    public ModelDeclaration ToDeclaration(string baseDirectory)
    {
        var batching = BatchingSettings.Default;
        var threads = ThreadSettings.Default;
        var image = ImageSettings.Default;
        var post = PostprocessSettings.Default;
        return new ModelDeclaration(
            Name,
            Version,
            string.IsNullOrWhiteSpace(Path) ? Path : System.IO.Path.GetFullPath(Path, baseDirectory),
            Profile,
            Provider,
            DeviceId,
            [.. Labels],
            new BatchingSettings(MaxBatchSize ?? batching.MaxBatchSize, MaxQueueDelayMicroseconds ?? batching.MaxQueueDelayMicroseconds, MaxQueueSize ?? batching.MaxQueueSize, Concurrency ?? batching.Concurrency),
            new ThreadSettings(IntraOpThreads ?? threads.IntraOp, InterOpThreads ?? threads.InterOp),
            new ImageSettings(ImageWidth, ImageHeight, ImageScale ?? image.Scale, ImageMean.Count == 0 ? default : [.. ImageMean], ImageStd.Count == 0 ? default : [.. ImageStd], ImageBgr),
            new PostprocessSettings(Softmax ?? post.Softmax, TopK ?? post.TopK, ScoreThreshold ?? post.ScoreThreshold, IouThreshold ?? post.IouThreshold, MaxDetections ?? post.MaxDetections),
            WarmupRuns);
    }
}
