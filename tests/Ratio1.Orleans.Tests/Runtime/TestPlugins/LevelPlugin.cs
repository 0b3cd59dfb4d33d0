using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>
/// A plugin with one ruled key, <c>LEVEL</c> (1 to 10), the same rule <see cref="LevelCapture"/> declares; it takes no
/// commands (it does not override <c>OnCommandAsync</c>).
/// </summary>
[Plugin("LEVEL_01", Description = "Test plugin with a ruled LEVEL key and no commands")]
public sealed class LevelPlugin : BusinessPlugin<LevelPlugin.LevelConfig>
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public sealed class LevelConfig
    {
        [ConfigKey(Min = 1, Max = 10, Description = "A level from 1 to 10.")]
        public int Level { get; set; } = 1;
    }
}
