namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>The model was reached but running it failed (ONNX Runtime's message is kept).</summary>
[GenerateSerializer, Alias("r1.error.inference-failed")]
public sealed class InferenceFailedException : Ratio1Exception
{
    public InferenceFailedException()
    {
    }

    public InferenceFailedException(string model, string reason)
        : base($"Inference on model '{model}' failed: {reason}")
    {
        Model = model;
    }

    [Id(0)] public string Model { get; private set; } = string.Empty;
}
