using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.Inference;

/// <summary>
/// <c>IMAGE_CLASSIFIER_01</c>: classifies each frame of an image capture (<c>VideoFile</c>, <c>VideoStream</c>,
/// <c>ImageFolder</c>) with an <c>ImageClassification</c> model and sends the best class (<c>TYPE</c>,
/// <c>PROB_PRC</c>) and the top classes (<c>TOP_K</c>). <c>MIN_SCORE</c> and <c>TARGET_TYPES</c> keep only the frames
/// worth reporting.
/// </summary>
[Plugin("IMAGE_CLASSIFIER_01", Description = "Classifies each frame with an image classification model")]
public sealed class ImageClassifierPlugin : FrameInferencePlugin<ImageClassifierPlugin.ImageClassifierConfig>
{
    protected override string Engine => Config.AiEngine;

    protected override ConfigMap? Report(IPluginContext context, CaptureItem input, InferenceResult result)
    {
        if (result.Classes.IsEmpty)
        {
            throw new InvalidOperationException($"Model '{result.Model}' returned no classes: IMAGE_CLASSIFIER_01 needs a model declared with the ImageClassification profile.");
        }

        var best = result.Classes[0];
        return best.Score < Config.MinScore || (Config.TargetTypes.Length > 0 && !Config.TargetTypes.Contains(best.Label))
            ? null
            : InferencePayload.Class(best).SetItem("TOP_K", InferencePayload.Classes(result.Classes));
    }

    public sealed class ImageClassifierConfig
    {
        [ConfigKey(Key = "AI_ENGINE", Required = true, MinLength = 1, Description = "An ImageClassification model of the node.")]
        public string AiEngine { get; set; } = string.Empty;

        [ConfigKey(Min = 0, Max = 1, Description = "Send a frame only when its best class scores at least this.")]
        public double MinScore { get; set; }

        [ConfigKey(Description = "Send a frame only when its best class is one of these (empty: any).")]
        public string[] TargetTypes { get; set; } = [];
    }
}
