using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// An <c>INSTANCE_COMMAND</c> (or <c>PIPELINE_COMMAND</c>) as a plugin or capture source receives it. However the
/// sender wrote it (Ratio1's <c>{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "hi"}}</c>, or
/// <c>SET_MESSAGE</c> with <c>--param MESSAGE=hi</c>), it arrives in one shape: <see cref="Name"/> <c>SET_MESSAGE</c>,
/// <see cref="Parameters"/> <c>{MESSAGE: "hi"}</c> (see <see cref="CommandForm"/>).
/// </summary>
/// <param name="Data">The command: a string (<c>"RESET"</c>) or an object (without its <c>COMMAND_PARAMS</c>).</param>
/// <param name="Parameters">Ratio1's <c>COMMAND_PARAMS</c>, keys upper-case.</param>
public sealed record PluginCommand(Guid CommandId, ConfigValue Data, ConfigMap Parameters, string InitiatorId)
{
    /// <summary>The command's name when it is a string, or its <c>COMMAND</c> key when it is an object.</summary>
    public string? Name => Data.Kind switch
    {
        ConfigValueKind.String => Data.AsString(),
        ConfigValueKind.Object when Data.Fields.GetValueOrDefault(CommandForm.NameKey) is { Kind: ConfigValueKind.String } name => name.AsString(),
        _ => null,
    };

    /// <summary>A command as sent, in the one shape plugins and sources receive (<see cref="CommandForm.Normalize"/>).</summary>
    public static PluginCommand Of(Guid commandId, ConfigValue data, ConfigMap parameters, string initiatorId)
    {
        var (normalized, allParameters) = CommandForm.Normalize(data, parameters);
        return new PluginCommand(commandId, normalized, allParameters, initiatorId);
    }

    /// <summary>
    /// What a plugin or source throws for a command it does not take (the default of their <c>OnCommandAsync</c>): the
    /// node answers <c>_FAILED</c> with this reason, so a command nobody handles never passes for done.
    /// </summary>
    /// <param name="receiver">Who refuses it, e.g. <c>this plugin</c> or <c>this source</c>.</param>
    /// <param name="kind">What it was sent as: <c>instance command</c> or <c>pipeline command</c>.</param>
    /// <param name="hint">What the receiver does take, or null.</param>
    public NotSupportedException NotTaken(string receiver, string kind, string? hint = null) =>
        new($"{receiver} takes no {kind} {(Name is { } name ? $"\"{name}\"" : Data.ToJson())}" + (hint is null ? string.Empty : $" ({hint})"));
}
