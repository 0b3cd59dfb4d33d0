using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>A plugin whose every execution throws.</summary>
[Plugin("FAILING_01", Description = "Test plugin that always throws")]
public sealed class FailingPlugin : BusinessPlugin<FailingPlugin.FailingConfig>
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"boom #{context.ExecutionCount + 1}");

    public sealed class FailingConfig
    {
        public bool AllowEmptyInputs { get; set; } = true;

        public double ProcessDelay { get; set; } = 0.05;

        [ConfigKey(Key = "PLUGIN_EXCEPTION_DELAY")]
        public double ExceptionDelay { get; set; } = 0.05;
    }
}
