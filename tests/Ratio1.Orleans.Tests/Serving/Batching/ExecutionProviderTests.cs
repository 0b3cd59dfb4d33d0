using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Providers;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>The provider a model runs on, and why it is not the one asked for, on this CPU-only build.</summary>
public sealed class ExecutionProviderTests : IDisposable
{
    private readonly string _path = TestModels.Save(TestServer.Linear16x8());

    [Theory]
    [InlineData(ExecutionProvider.Cuda, "CUDAExecutionProvider")]
    [InlineData(ExecutionProvider.TensorRt, "TensorrtExecutionProvider")]
    public void A_gpu_provider_asked_for_on_a_cpu_only_build_runs_on_the_cpu_and_names_the_missing_provider(ExecutionProvider requested, string missing)
    {
        var (session, choice) = SessionFactory.Open(_path, requested, deviceId: 0, ThreadSettings.Default);
        using (session)
        {
            Assert.Equal((requested, ExecutionProvider.Cpu), (choice.Requested, choice.Used));
            Assert.Contains(missing, choice.FallbackReason);
            Assert.Contains("-p:OnnxRuntimeGpu=true", choice.FallbackReason);
            Assert.Equal("cpu", choice.DeviceKey);
        }
    }

    [Fact]
    public void Auto_on_a_cpu_only_build_runs_on_the_cpu_with_no_fallback_reason()
    {
        var (session, choice) = SessionFactory.Open(_path, ExecutionProvider.Auto, deviceId: 0, ThreadSettings.Default);
        using (session)
        {
            Assert.Equal(new ProviderChoice(ExecutionProvider.Auto, ExecutionProvider.Cpu, 0, null), choice);
        }
    }

    [Fact]
    public void A_gpu_provider_that_the_runtime_lists_but_cannot_use_falls_back_to_the_cpu_with_the_runtime_message()
    {
        // As a GPU build on a machine without the device or driver: listed, but appending it fails.
        var (session, choice) = SessionFactory.Open(_path, ExecutionProvider.Cuda, deviceId: 1, ThreadSettings.Default, ["CUDAExecutionProvider", "CPUExecutionProvider"]);
        using (session)
        {
            Assert.Equal(ExecutionProvider.Cpu, choice.Used);
            Assert.StartsWith("CUDA device 1 could not be used: ", choice.FallbackReason);
            Assert.True(choice.FallbackReason!.Length > "CUDA device 1 could not be used: ".Length, "the runtime's own message is kept");
        }
    }

    [Fact]
    public async Task A_loaded_model_reports_the_provider_it_runs_on()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8());

        Assert.Equal(new ProviderChoice(ExecutionProvider.Cpu, ExecutionProvider.Cpu, 0, null), test.Server.Provider);
    }

    [Fact]
    public void Session_options_carry_the_declared_threads_and_every_graph_optimisation()
    {
        using var options = SessionFactory.Options(new ThreadSettings(IntraOp: 3, InterOp: 2));

        Assert.Equal((3, 2, GraphOptimizationLevel.ORT_ENABLE_ALL, ExecutionMode.ORT_PARALLEL),
            (options.IntraOpNumThreads, options.InterOpNumThreads, options.GraphOptimizationLevel, options.ExecutionMode));
    }

    [Fact]
    public void Device_slots_default_to_four_batches_per_gpu_and_one_per_core_and_take_overrides()
    {
        var defaults = new DeviceSlots();
        var configured = new DeviceSlots(new Dictionary<string, int> { ["cuda:0"] = 2, ["cpu"] = 1 });

        Assert.Equal((Environment.ProcessorCount, DeviceSlots.DefaultGpuLimit, 4), (defaults.LimitOf("cpu"), defaults.LimitOf("cuda:0"), defaults.LimitOf("cuda:3")));
        Assert.Equal((1, 2), (configured.LimitOf("cpu"), configured.LimitOf("cuda:0")));
        Assert.Equal(("cuda:1", "cuda:1", "cpu"), (DeviceSlots.KeyOf(ExecutionProvider.Cuda, 1), DeviceSlots.KeyOf(ExecutionProvider.TensorRt, 1), DeviceSlots.KeyOf(ExecutionProvider.Cpu, 1)));
    }

    [Fact]
    public void A_device_limit_below_one_is_refused_naming_the_device()
    {
        var error = Assert.Throws<InvalidConfigException>(() => new DeviceSlots(new Dictionary<string, int> { ["cuda:0"] = 0 }));

        Assert.Equal(("DeviceSlots[cuda:0]", "0"), (error.Field, error.Value));
    }

    public void Dispose() => File.Delete(_path);
}
