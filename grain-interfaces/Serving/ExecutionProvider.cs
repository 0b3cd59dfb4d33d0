namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>Where a model runs. <see cref="Auto"/> takes the best the machine offers: TensorRT, then CUDA, then CPU.</summary>
[GenerateSerializer, Alias("r1.execution-provider")]
public enum ExecutionProvider
{
    Auto = 0,
    Cpu = 1,
    Cuda = 2,
    TensorRt = 3,
}
