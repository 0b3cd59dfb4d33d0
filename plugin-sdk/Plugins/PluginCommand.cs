using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Plugins;

/// <summary>An <c>INSTANCE_COMMAND</c> (or <c>PIPELINE_COMMAND</c>) as a plugin or capture source receives it.</summary>
/// <param name="Data">The command: a string (<c>"RESET"</c>) or an object.</param>
/// <param name="Parameters">Ratio1's <c>COMMAND_PARAMS</c>.</param>
public sealed record PluginCommand(Guid CommandId, ConfigValue Data, ConfigMap Parameters, string InitiatorId)
{
    /// <summary>The command's name when it is a string, or its <c>COMMAND</c> key when it is an object.</summary>
    public string? Name => Data.Kind switch
    {
        ConfigValueKind.String => Data.AsString(),
        ConfigValueKind.Object when Data.Fields.GetValueOrDefault("COMMAND") is { Kind: ConfigValueKind.String } name => name.AsString(),
        _ => null,
    };
}
