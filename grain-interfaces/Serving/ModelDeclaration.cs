using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// A model a node serves: an ONNX file on the node's machine under a name (what an instance's <c>AI_ENGINE</c> names)
/// and a version, with how to run it and how to prepare its inputs and read its outputs.
/// </summary>
/// <param name="Name">Lower-case letters, digits, '-', '_' and '.'; unique on the node.</param>
/// <param name="Version">Free text (e.g. <c>1</c>, <c>2024-05</c>); declaring the name again with another version replaces the model once the new one has loaded.</param>
/// <param name="Path">The <c>.onnx</c> file, on the node's machine.</param>
/// <param name="Labels">Class names by index (classification and detection); missing ones are reported as their index.</param>
/// <param name="DeviceId">The GPU to use when a GPU provider is chosen.</param>
/// <param name="WarmupRuns">Runs on zero inputs before the model is reported loaded (also at the largest batch size).</param>
[GenerateSerializer, Immutable, Alias("r1.model-declaration")]
public sealed record ModelDeclaration(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] string Path,
    [property: Id(3)] ModelProfile Profile = ModelProfile.RawTensor,
    [property: Id(4)] ExecutionProvider Provider = ExecutionProvider.Auto,
    [property: Id(5)] int DeviceId = 0,
    [property: Id(6)] ImmutableArray<string> Labels = default,
    [property: Id(7)] BatchingSettings? Batching = null,
    [property: Id(8)] ThreadSettings? Threads = null,
    [property: Id(9)] ImageSettings? Image = null,
    [property: Id(10)] PostprocessSettings? Postprocess = null,
    [property: Id(11)] int WarmupRuns = 2)
{
    public BatchingSettings EffectiveBatching => Batching ?? BatchingSettings.Default;

    public ThreadSettings EffectiveThreads => Threads ?? ThreadSettings.Default;

    public ImageSettings EffectiveImage => Image ?? ImageSettings.Default;

    public PostprocessSettings EffectivePostprocess => Postprocess ?? PostprocessSettings.Default;

    public ImmutableArray<string> EffectiveLabels => Labels.IsDefault ? [] : Labels;

    /// <summary>The same declaration with every default written out (what is stored and reported).</summary>
    public ModelDeclaration WithDefaults() => this with
    {
        Labels = EffectiveLabels,
        Batching = EffectiveBatching,
        Threads = EffectiveThreads,
        Image = EffectiveImage with { Mean = EffectiveImage.EffectiveMean, Std = EffectiveImage.EffectiveStd },
        Postprocess = EffectivePostprocess,
    };
}
