using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Bench.Load;

/// <summary>
/// <c>BENCH_BURST_01</c>, a load generator: each execution emits <c>BURST</c> payloads shaped like <c>ECHO_01</c>'s.
/// One instance's loop runs at most <c>PLUGIN_LOOP_RESOLUTION</c> times a second, so bursts are how a few instances
/// offer more payloads than a stream can carry.
/// </summary>
[Plugin("BENCH_BURST_01", Description = "Benchmark load: BURST payloads per execution")]
public sealed class BurstPlugin : BusinessPlugin<BurstPlugin.BurstConfig>
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Config.Burst; i++)
        {
            context.EmitPayload(ConfigMap.Empty.SetItem("MESSAGE", "echo").SetItem("COUNT", context.ExecutionCount * Config.Burst + i));
        }

        return ValueTask.CompletedTask;
    }

    public sealed class BurstConfig
    {
        [ConfigKey(Min = 1, Max = 10_000, Description = "Payloads per execution.")]
        public int Burst { get; set; } = 100;

        public bool AllowEmptyInputs { get; set; } = true;
    }
}
