using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Edge.Plugins.Inference;

/// <summary>How inference results read in payloads: Ratio1's keys where it has them (<c>TYPE</c>, <c>PROB_PRC</c>, <c>TLBR</c>).</summary>
internal static class InferencePayload
{
    /// <summary>Model, version, provider and timings of a result.</summary>
    public static ConfigMap Describe(InferenceResult result) => ConfigMap.Empty
        .SetItem("MODEL", result.Model)
        .SetItem("MODEL_VERSION", result.Version)
        .SetItem("PROVIDER", result.Provider.ToString().ToUpperInvariant())
        .SetItem("BATCH_SIZE", result.BatchSize)
        .SetItem("QUEUE_US", Math.Round(result.QueueMicroseconds, 1))
        .SetItem("INFERENCE_US", Math.Round(result.InferenceMicroseconds, 1));

    public static ConfigValue Outputs(InferenceResult result)
    {
        var outputs = ConfigMap.Empty;
        foreach (var output in result.Outputs)
        {
            outputs = outputs.SetItem(output.Name, ConfigMap.Empty
                .SetItem("SHAPE", ConfigValue.FromArray(output.Shape.Select(d => ConfigValue.FromNumber(d))))
                .SetItem("VALUES", TensorValues.ToValue(output)));
        }

        return ConfigValue.FromObject(outputs);
    }

    public static ConfigValue Classes(IEnumerable<ClassScore> classes) =>
        ConfigValue.FromArray(classes.Select(c => ConfigValue.FromObject(Class(c))));

    public static ConfigMap Class(ClassScore score) => ConfigMap.Empty
        .SetItem("TYPE", score.Label)
        .SetItem("CLASS_INDEX", score.ClassIndex)
        .SetItem("PROB_PRC", TensorValues.Number(score.Score));

    public static ConfigValue Objects(IEnumerable<Detection> detections) => ConfigValue.FromArray(detections.Select(d => ConfigValue.FromObject(ConfigMap.Empty
        .SetItem("TYPE", d.Label)
        .SetItem("CLASS_INDEX", d.ClassIndex)
        .SetItem("PROB_PRC", TensorValues.Number(d.Score))
        // Ratio1's box order: top, left, bottom, right, in pixels of the frame.
        .SetItem("TLBR", ConfigValue.FromArray(TensorValues.Number(d.Top), TensorValues.Number(d.Left), TensorValues.Number(d.Bottom), TensorValues.Number(d.Right))))));
}
