using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Commands;

/// <summary>
/// One shape for a command, however it was written. Ratio1 clients send the parameters inside the command
/// (<c>{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "hi"}}</c>); <c>r1ctl command ... SET_MESSAGE --param
/// MESSAGE=hi</c> and <c>SendInstanceCommandAsync</c> send them beside it. Both reach a plugin or capture source as the
/// command <c>"SET_MESSAGE"</c> with the parameters <c>{MESSAGE: "hi"}</c>.
/// </summary>
public static class CommandForm
{
    /// <summary>Ratio1's key for the parameters inside a command object.</summary>
    public const string ParametersKey = "COMMAND_PARAMS";

    /// <summary>Ratio1's key for the command's name inside a command object.</summary>
    public const string NameKey = "COMMAND";

    /// <summary>
    /// <paramref name="data"/> and <paramref name="parameters"/> in the one shape: an object's <c>COMMAND_PARAMS</c>
    /// (when it is an object) moves to the parameters, keys upper-cased as parameters given beside the command are
    /// (those win when both give a key), and an object left with only its <c>COMMAND</c> name becomes that name.
    /// </summary>
    public static (ConfigValue Data, ConfigMap Parameters) Normalize(ConfigValue data, ConfigMap parameters)
    {
        if (data.Kind != ConfigValueKind.Object)
        {
            return (data, parameters);
        }

        var fields = data.Fields;
        if (fields.GetValueOrDefault(ParametersKey) is { } inside && inside.Kind is ConfigValueKind.Object or ConfigValueKind.Null)
        {
            var embedded = new ConfigMap.Builder();
            if (inside.Kind == ConfigValueKind.Object)
            {
                foreach (var (key, value) in inside.Fields)
                {
                    embedded.Set(key.ToUpperInvariant(), value);
                }
            }

            parameters = embedded.ToMap().SetItems(parameters);
            fields = fields.Remove(ParametersKey);
        }

        return fields.Count == 1 && fields.GetValueOrDefault(NameKey) is { Kind: ConfigValueKind.String } name
            ? (name, parameters)
            : (ConfigValue.FromObject(fields), parameters);
    }
}
