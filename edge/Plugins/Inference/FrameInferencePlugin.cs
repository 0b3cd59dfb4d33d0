using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.Inference;

/// <summary>
/// Base of the plugins that report on each input's result from their <c>AI_ENGINE</c> model: for every input of an
/// execution it asks <see cref="Report"/> what to send (nothing, to skip it) and sends it with the model's keys
/// (<c>MODEL</c>, <c>PROVIDER</c>, timings), the capture's <c>METADATA</c>, <c>FRAME_INDEX</c> for frames and
/// <c>INPUT_ID</c> for pushed inputs.
/// </summary>
public abstract class FrameInferencePlugin<TConfig> : BusinessPlugin<TConfig>
    where TConfig : class, new()
{
    /// <summary>The model the instance's config names.</summary>
    protected abstract string Engine { get; }

    public sealed override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        if (!context.Inferences.TryGetValue(Engine, out var results))
        {
            return ValueTask.CompletedTask;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (Report(context, inputs[i], results[i]) is not { } report)
            {
                continue;
            }

            var payload = InferencePayload.Describe(results[i]).SetItems(report).SetItem("METADATA", inputs[i].Metadata);
            if (inputs[i].Image is { } image)
            {
                payload = payload.SetItem("FRAME_INDEX", image.Index);
            }

            context.EmitPayload(inputs[i].InputId is { } id ? payload.SetItem("INPUT_ID", id.ToString()) : payload);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>What to send about one input, or null to send nothing.</summary>
    protected abstract ConfigMap? Report(IPluginContext context, CaptureItem input, InferenceResult result);
}
