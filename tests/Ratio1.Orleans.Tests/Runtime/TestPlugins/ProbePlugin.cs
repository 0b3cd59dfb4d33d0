using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>
/// A plugin that shows what the runtime did to it: each execution sends its <c>SETTING</c>, how many times this
/// object was initialised and configured, and the commands it received.
/// </summary>
[Plugin("PROBE_01", Description = "Test plugin reporting its lifecycle")]
public sealed class ProbePlugin : BusinessPlugin<ProbePlugin.ProbeConfig>
{
    private int _inits;
    private int _configs;
    private readonly List<string> _commands = [];

    public override ValueTask OnInitAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        _inits++;
        return ValueTask.CompletedTask;
    }

    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        context.EmitPayload(new ConfigMap.Builder()
            .Set("SETTING", Config.Setting)
            .Set("INITS", _inits)
            .Set("CONFIGS", _configs)
            .Set("COMMANDS", ConfigValue.From(_commands))
            .Set("INPUTS", inputs.Count)
            .ToMap());
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnConfigAsync(IPluginContext context, ConfigMap previous, CancellationToken cancellationToken)
    {
        if (Config.FailOnConfig)
        {
            throw new InvalidOperationException("refusing this config on purpose");
        }

        _configs++;
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnCommandAsync(IPluginContext context, PluginCommand command, CancellationToken cancellationToken)
    {
        if (command.Name == "FAIL")
        {
            throw new InvalidOperationException("command failed on purpose");
        }

        _commands.Add(command.Name ?? command.Data.ToJson());
        return ValueTask.CompletedTask;
    }

    public sealed class ProbeConfig
    {
        [ConfigKey(AllowedValues = ["a", "b", "c"])]
        public string Setting { get; set; } = "a";

        public bool FailOnConfig { get; set; }

        public bool AllowEmptyInputs { get; set; } = true;

        public double ProcessDelay { get; set; } = 0.1;
    }
}
