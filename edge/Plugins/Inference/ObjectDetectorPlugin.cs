using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Plugins;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Edge.Plugins.Inference;

/// <summary>
/// <c>OBJECT_DETECTOR_01</c>: detects objects in each frame of an image capture with an <c>ObjectDetection</c> model
/// and sends them as Ratio1 does (<c>OBJECTS</c>: <c>TYPE</c>, <c>PROB_PRC</c>, <c>TLBR</c> in frame pixels), with an
/// optional witness image (<c>IMG</c>: the frame with the boxes drawn, PNG in base64). <c>TARGET_TYPES</c> keeps only
/// the classes of interest; frames without objects are sent only with <c>SEND_EMPTY</c>.
/// </summary>
[Plugin("OBJECT_DETECTOR_01", Description = "Detects objects in each frame with an object detection model")]
public sealed class ObjectDetectorPlugin : FrameInferencePlugin<ObjectDetectorPlugin.ObjectDetectorConfig>
{
    protected override string Engine => Config.AiEngine;

    protected override ConfigMap? Report(IPluginContext context, CaptureItem input, InferenceResult result)
    {
        var objects = Config.TargetTypes.Length == 0 ? result.Detections : [.. result.Detections.Where(d => Config.TargetTypes.Contains(d.Label))];
        if (objects.IsEmpty && !Config.SendEmpty)
        {
            return null;
        }

        var report = ConfigMap.Empty.SetItem("OBJECTS", InferencePayload.Objects(objects)).SetItem("OBJECT_COUNT", objects.Length);
        return Config.AddWitness && input.Image is { } image
            ? report.SetItem("IMG", Convert.ToBase64String(WitnessImage.Png(new InferenceImage(image.Width, image.Height, image.Rgb24.ToArray()), objects)))
            : report;
    }

    public sealed class ObjectDetectorConfig
    {
        [ConfigKey(Key = "AI_ENGINE", Required = true, MinLength = 1, Description = "An ObjectDetection model of the node.")]
        public string AiEngine { get; set; } = string.Empty;

        [ConfigKey(Description = "Send only objects of these types (empty: all).")]
        public string[] TargetTypes { get; set; } = [];

        [ConfigKey(Description = "Send a payload for frames without objects too.")]
        public bool SendEmpty { get; set; }

        [ConfigKey(Description = "Add the frame with the boxes drawn (PNG, base64) as IMG.")]
        public bool AddWitness { get; set; }
    }
}
