namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// The model's queue is full: the node refuses new requests rather than buffer without bound. Retry later, send less,
/// or raise the model's <c>MaxQueueSize</c> / <c>Concurrency</c>.
/// </summary>
[GenerateSerializer, Alias("r1.error.model-overloaded")]
public sealed class ModelOverloadedException : Ratio1Exception
{
    public ModelOverloadedException()
    {
    }

    public ModelOverloadedException(string model, int queueSize)
        : base($"Model '{model}' is overloaded: {queueSize} requests are already waiting (MaxQueueSize). Retry later or raise the limit.")
    {
        Model = model;
        QueueSize = queueSize;
    }

    [Id(0)] public string Model { get; private set; } = string.Empty;
    [Id(1)] public int QueueSize { get; private set; }
}
