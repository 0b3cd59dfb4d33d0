using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Providers;

/// <summary>
/// Opens a model's ONNX Runtime session on the best provider it may use. <see cref="ExecutionProvider.Auto"/> tries
/// TensorRT, then CUDA, then the CPU; an explicit GPU request that cannot be honoured runs on the CPU, with the
/// reason recorded. A provider is tried only when this ONNX Runtime build has it; then appending it or creating the
/// session on it may still fail (no device, driver or CUDA libraries missing), and the next candidate is tried.
/// </summary>
internal static class SessionFactory
{
    internal const string TensorRtName = "TensorrtExecutionProvider";
    internal const string CudaName = "CUDAExecutionProvider";

    /// <summary>Opens <paramref name="path"/>; an invalid model surfaces as the CPU attempt's <see cref="OnnxRuntimeException"/>.</summary>
    public static (InferenceSession Session, ProviderChoice Choice) Open(string path, ExecutionProvider requested, int deviceId, ThreadSettings threads) =>
        Open(path, requested, deviceId, threads, OrtEnv.Instance().GetAvailableProviders());

    /// <summary>As <see cref="Open(string, ExecutionProvider, int, ThreadSettings)"/>, with the build's providers given (tests pretend a GPU build).</summary>
    internal static (InferenceSession Session, ProviderChoice Choice) Open(
        string path, ExecutionProvider requested, int deviceId, ThreadSettings threads, IReadOnlyCollection<string> available)
    {
        var gpuBuild = available.Contains(CudaName) || available.Contains(TensorRtName);
        var reasons = new List<string>();
        foreach (var candidate in Candidates(requested))
        {
            var ortName = OrtName(candidate);
            if (!available.Contains(ortName))
            {
                // Under Auto, a CPU build simply has nothing better: no reason to report.
                if (requested != ExecutionProvider.Auto)
                {
                    reasons.Add(gpuBuild
                        ? $"{ortName} is not in this ONNX Runtime build"
                        : $"{ortName} is not in this ONNX Runtime build (CPU package); build with -p:OnnxRuntimeGpu=true");
                }

                continue;
            }

            var options = Options(threads);
            try
            {
                Append(options, candidate, deviceId, available);
                var session = new InferenceSession(path, options);
                return (session, new ProviderChoice(requested, candidate, deviceId, Joined(reasons)));
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or OnnxRuntimeException)
            {
                reasons.Add($"{DisplayName(candidate)} device {deviceId} could not be used: {FirstLine(e.Message)}");
            }
            finally
            {
                options.Dispose();
            }
        }

        using var cpuOptions = Options(threads);
        var cpuSession = new InferenceSession(path, cpuOptions);
        return (cpuSession, new ProviderChoice(requested, ExecutionProvider.Cpu, 0, Joined(reasons)));
    }

    /// <summary>The session options every provider starts from: the declared threads and every graph optimisation.</summary>
    internal static SessionOptions Options(ThreadSettings threads)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads.IntraOp,
            InterOpNumThreads = threads.InterOp,
            // Inter-op threads only run independent branches in parallel mode; asking for more than one means that.
            ExecutionMode = threads.InterOp > 1 ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
        };
        return options;
    }

    private static ExecutionProvider[] Candidates(ExecutionProvider requested) => requested switch
    {
        ExecutionProvider.Auto => [ExecutionProvider.TensorRt, ExecutionProvider.Cuda],
        ExecutionProvider.TensorRt => [ExecutionProvider.TensorRt],
        ExecutionProvider.Cuda => [ExecutionProvider.Cuda],
        _ => [],
    };

    private static void Append(SessionOptions options, ExecutionProvider provider, int deviceId, IReadOnlyCollection<string> available)
    {
        if (provider == ExecutionProvider.TensorRt)
        {
            options.AppendExecutionProvider_Tensorrt(deviceId);
            if (available.Contains(CudaName))
            {
                // Nodes TensorRT does not take then run on the same GPU rather than on the CPU.
                options.AppendExecutionProvider_CUDA(deviceId);
            }
        }
        else
        {
            options.AppendExecutionProvider_CUDA(deviceId);
        }
    }

    private static string OrtName(ExecutionProvider provider) => provider == ExecutionProvider.TensorRt ? TensorRtName : CudaName;

    private static string DisplayName(ExecutionProvider provider) => provider == ExecutionProvider.TensorRt ? "TensorRT" : "CUDA";

    private static string? Joined(List<string> reasons) => reasons.Count == 0 ? null : string.Join("; ", reasons);

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
