using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Telemetry;

/// <summary>What the serving engine logs (source-generated, so a disabled level costs nothing).</summary>
internal static partial class ServingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} {Version} loaded on {Provider} (device {DeviceId}) in {ElapsedMs:0} ms; batches of up to {MaxBatchSize}")]
    public static partial void ModelLoaded(ILogger logger, string model, string version, ExecutionProvider provider, int deviceId, double elapsedMs, int maxBatchSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: {Requested} was asked for, running on {Used}: {Reason}")]
    public static partial void ProviderFallback(ILogger logger, string model, ExecutionProvider requested, ExecutionProvider used, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: a batch of {Items} item(s) failed in ONNX Runtime; its callers get the error, the batcher serves on")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string model, int items);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: unexpected fault on a batcher thread; its batch failed, the thread serves on")]
    public static partial void BatcherFault(ILogger logger, Exception exception, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} {Version} unloaded after serving {Completed} item(s)")]
    public static partial void ModelUnloaded(ILogger logger, string model, string version, long completed);
}
