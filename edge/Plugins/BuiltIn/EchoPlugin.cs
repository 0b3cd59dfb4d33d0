using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.BuiltIn;

/// <summary>
/// <c>ECHO_01</c>: sends back every input it receives (<c>DATA</c> and the capture <c>METADATA</c>), or, on an empty
/// input, a payload with its <c>MESSAGE</c> and a counter. For testing pipelines end to end and as a forwarder.
/// The command <c>SET_MESSAGE</c> (parameter <c>MESSAGE</c>) changes the message.
/// </summary>
[Plugin("ECHO_01", Description = "Echoes each input (or a message on empty input) as a payload")]
public sealed class EchoPlugin : BusinessPlugin<EchoPlugin.EchoConfig>
{
    private string? _message;

    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            context.EmitPayload(ConfigMap.Empty.SetItem("MESSAGE", _message ?? Config.Message).SetItem("COUNT", context.ExecutionCount + 1));
            return ValueTask.CompletedTask;
        }

        foreach (var input in inputs)
        {
            var payload = ConfigMap.Empty
                .SetItem("DATA", input.Data ?? ConfigValue.Null)
                .SetItem("METADATA", input.Metadata);
            if (input.Image is { } image)
            {
                payload = payload.SetItem("IMAGE", ConfigMap.Empty.SetItem("WIDTH", image.Width).SetItem("HEIGHT", image.Height).SetItem("INDEX", image.Index));
            }

            context.EmitPayload(input.InputId is { } id ? payload.SetItem("INPUT_ID", id.ToString()) : payload);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask OnCommandAsync(IPluginContext context, PluginCommand command, CancellationToken cancellationToken)
    {
        // Names are matched ignoring case, as the runtime matches RESTART.
        if (!string.Equals(command.Name, "SET_MESSAGE", StringComparison.OrdinalIgnoreCase))
        {
            throw command.NotTaken("ECHO_01", "instance command", "it takes SET_MESSAGE with a MESSAGE parameter");
        }

        if (command.Parameters.GetValueOrDefault("MESSAGE") is not { Kind: ConfigValueKind.String } message)
        {
            throw new ArgumentException($"ECHO_01's SET_MESSAGE needs a MESSAGE parameter (a string), not {command.Parameters.GetValueOrDefault("MESSAGE")?.ToJson() ?? "none"}.");
        }

        _message = message.AsString();
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnConfigAsync(IPluginContext context, ConfigMap previous, CancellationToken cancellationToken)
    {
        _message = null;
        return ValueTask.CompletedTask;
    }

    public sealed class EchoConfig
    {
        [ConfigKey(Description = "Sent on empty inputs.")]
        public string Message { get; set; } = "echo";
    }
}
