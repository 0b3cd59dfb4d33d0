using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>One line saying what machine and runtime the figures come from.</summary>
public static class MachineFacts
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, ONNX Runtime {OrtEnv.Instance().GetVersionString()} ({string.Join("/", OrtEnv.Instance().GetAvailableProviders())}), {DateTime.UtcNow:u}";
    }
}
