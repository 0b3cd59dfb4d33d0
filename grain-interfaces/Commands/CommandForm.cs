using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

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
    /// Adds to <paramref name="errors"/> what keeps <paramref name="data"/> (a command written at
    /// <paramref name="field"/>) from taking the one shape: a <c>COMMAND_PARAMS</c> inside it that is not an object of
    /// parameters, or that gives a key twice once keys are upper-cased (as r1ctl refuses a repeated <c>--param</c>).
    /// Every path a command takes to a node runs this check, so none drops or merges parameters silently.
    /// </summary>
    public static void Check(ConfigValue data, string field, ICollection<ConfigError> errors)
    {
        if (data.Kind != ConfigValueKind.Object || data.Fields.GetValueOrDefault(ParametersKey) is not { } inside)
        {
            return;
        }

        var path = $"{field}.{ParametersKey}";
        switch (inside.Kind)
        {
            case ConfigValueKind.Null:
                return;
            case ConfigValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var key in inside.Fields.Keys)
                {
                    if (!seen.Add(key.ToUpperInvariant()))
                    {
                        errors.Add(new ConfigError($"{path}.{key}", ConfigJson.Shorten(inside.Fields[key].ToJson()),
                            $"is given more than once (parameter keys are upper-cased, so {key.ToUpperInvariant()} is already given)"));
                    }
                }

                return;
            default:
                errors.Add(new ConfigError(path, ConfigJson.Shorten(inside.ToJson()), "expected an object of parameters"));
                return;
        }
    }

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
