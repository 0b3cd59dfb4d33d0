namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// Post-processing defaults of a model; a request's <c>INFERENCE_AI_ENGINE_PARAMS</c> (<c>TOP_K</c>,
/// <c>SCORE_THRESHOLD</c>, <c>IOU_THRESHOLD</c>, <c>MAX_DETECTIONS</c>) override them per call.
/// </summary>
/// <param name="Softmax">Classification: apply softmax to the output (off when the model already ends in one).</param>
/// <param name="TopK">Classification: how many classes to report.</param>
/// <param name="ScoreThreshold">Detection: least objectness × class score a box needs.</param>
/// <param name="IouThreshold">Detection: overlap above which the weaker of two boxes of one class is suppressed.</param>
/// <param name="MaxDetections">Detection: most boxes reported per image.</param>
[GenerateSerializer, Immutable, Alias("r1.postprocess-settings")]
public sealed record PostprocessSettings(
    [property: Id(0)] bool Softmax = true,
    [property: Id(1)] int TopK = 5,
    [property: Id(2)] float ScoreThreshold = 0.25f,
    [property: Id(3)] float IouThreshold = 0.45f,
    [property: Id(4)] int MaxDetections = 100)
{
    public static PostprocessSettings Default { get; } = new();
}
