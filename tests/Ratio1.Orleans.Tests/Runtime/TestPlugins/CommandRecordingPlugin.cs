using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>A plugin that sends every command it receives as a payload: <c>{DATA, NAME, PARAMETERS}</c>, as it saw them.</summary>
[Plugin("RECORD_COMMANDS_01", Description = "Test plugin echoing the commands it receives")]
public sealed class CommandRecordingPlugin : BusinessPlugin
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override ValueTask OnCommandAsync(IPluginContext context, PluginCommand command, CancellationToken cancellationToken)
    {
        context.EmitPayload(ConfigMap.Empty
            .SetItem("DATA", command.Data)
            .SetItem("NAME", command.Name is { } name ? ConfigValue.FromString(name) : ConfigValue.Null)
            .SetItem("PARAMETERS", command.Parameters));
        return ValueTask.CompletedTask;
    }
}
