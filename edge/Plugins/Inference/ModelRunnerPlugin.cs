using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.Inference;

/// <summary>
/// <c>MODEL_RUNNER_01</c>: runs each input through the model(s) its <c>AI_ENGINE</c> names and sends what came out as
/// a payload — the output tensors (<c>OUTPUTS.name.SHAPE/VALUES</c>), plus classes or detections for image
/// profiles — with the model, its version, the execution provider and the timings. On an <c>OnDemandInput</c>
/// pipeline it answers each pushed input (request/response inference; the payload carries the input's
/// <c>INPUT_ID</c>).
/// </summary>
[Plugin("MODEL_RUNNER_01", Description = "Runs each input through its AI_ENGINE model and sends the outputs")]
public sealed class ModelRunnerPlugin : BusinessPlugin<ModelRunnerPlugin.ModelRunnerConfig>
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            foreach (var (model, results) in context.Inferences)
            {
                var result = results[i];
                var payload = InferencePayload.Describe(result).SetItem("OUTPUTS", InferencePayload.Outputs(result));
                if (!result.Classes.IsEmpty)
                {
                    payload = payload.SetItem("CLASSES", InferencePayload.Classes(result.Classes));
                }

                if (!result.Detections.IsEmpty)
                {
                    payload = payload.SetItem("OBJECTS", InferencePayload.Objects(result.Detections));
                }

                if (Config.IncludeMetadata)
                {
                    payload = payload.SetItem("METADATA", inputs[i].Metadata);
                }

                context.EmitPayload(inputs[i].InputId is { } id ? payload.SetItem("INPUT_ID", id.ToString()) : payload);
            }
        }

        return ValueTask.CompletedTask;
    }

    public sealed class ModelRunnerConfig
    {
        [ConfigKey(Key = "AI_ENGINE", Required = true, MinLength = 1, Description = "The model to run (a model name of the node).")]
        public string AiEngine { get; set; } = string.Empty;

        [ConfigKey(Description = "Copy the capture's METADATA into each payload.")]
        public bool IncludeMetadata { get; set; } = true;
    }
}
