using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>A plugin whose every other execution throws: its state flips between running and failing.</summary>
[Plugin("FLAPPING_01", Description = "Test plugin that fails every other execution")]
public sealed class FlappingPlugin : BusinessPlugin<FlappingPlugin.FlappingConfig>
{
    private int _calls;

    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken) =>
        ++_calls % 2 == 0 ? throw new InvalidOperationException("flap") : ValueTask.CompletedTask;

    public sealed class FlappingConfig
    {
        public bool AllowEmptyInputs { get; set; } = true;

        public double ProcessDelay { get; set; } = 0.05;

        [ConfigKey(Key = "PLUGIN_EXCEPTION_DELAY")]
        public double ExceptionDelay { get; set; } = 0.05;
    }
}
