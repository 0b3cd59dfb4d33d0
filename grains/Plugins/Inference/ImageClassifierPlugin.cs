using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Grains.Plugins.Inference;

/// <summary>
/// <c>IMAGE_CLASSIFIER_01</c>: classifies each frame of an image capture (<c>VideoFile</c>, <c>VideoStream</c>,
/// <c>ImageFolder</c>) with an <c>ImageClassification</c> model and sends the best class (<c>TYPE</c>,
/// <c>PROB_PRC</c>) and the top classes (<c>TOP_K</c>). <c>MIN_SCORE</c> and <c>TARGET_TYPES</c> keep only the frames
/// worth reporting.
/// </summary>
[Plugin("IMAGE_CLASSIFIER_01", Description = "Classifies each frame with an image classification model")]
public sealed class ImageClassifierPlugin : BusinessPlugin<ImageClassifierPlugin.Settings>
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        if (!context.Inferences.TryGetValue(Config.AiEngine, out var results))
        {
            return ValueTask.CompletedTask;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var result = results[i];
            if (result.Classes.IsEmpty)
            {
                throw new InvalidOperationException($"Model '{result.Model}' returned no classes: IMAGE_CLASSIFIER_01 needs a model declared with the ImageClassification profile.");
            }

            var best = result.Classes[0];
            if (best.Score < Config.MinScore || (Config.TargetTypes.Length > 0 && !Config.TargetTypes.Contains(best.Label)))
            {
                continue;
            }

            var payload = InferencePayload.Describe(result)
                .SetItem("TYPE", best.Label)
                .SetItem("CLASS_INDEX", best.ClassIndex)
                .SetItem("PROB_PRC", TensorValues.Number(best.Score))
                .SetItem("TOP_K", InferencePayload.Classes(result.Classes))
                .SetItem("METADATA", inputs[i].Metadata);
            if (inputs[i].Image is { } image)
            {
                payload = payload.SetItem("FRAME_INDEX", image.Index);
            }

            context.EmitPayload(inputs[i].InputId is { } id ? payload.SetItem("INPUT_ID", id.ToString()) : payload);
        }

        return ValueTask.CompletedTask;
    }

    public sealed class Settings
    {
        [ConfigKey(Key = "AI_ENGINE", Required = true, MinLength = 1, Description = "An ImageClassification model of the node.")]
        public string AiEngine { get; set; } = string.Empty;

        [ConfigKey(Min = 0, Max = 1, Description = "Send a frame only when its best class scores at least this.")]
        public double MinScore { get; set; }

        [ConfigKey(Description = "Send a frame only when its best class is one of these (empty: any).")]
        public string[] TargetTypes { get; set; } = [];
    }
}
