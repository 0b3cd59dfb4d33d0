using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Client;

/// <summary>Turns the plain dictionaries callers pass into config maps, upper-casing keys as Ratio1's SDK does.</summary>
internal static class ConfigInput
{
    public static ConfigMap ToMap(IEnumerable<KeyValuePair<string, object?>>? values)
    {
        if (values is null)
        {
            return ConfigMap.Empty;
        }

        var builder = new ConfigMap.Builder();
        foreach (var (key, value) in values)
        {
            try
            {
                builder.Set(key.ToUpperInvariant(), ConfigValue.From(value));
            }
            catch (ArgumentException e)
            {
                throw new InvalidConfigException(key.ToUpperInvariant(), value?.ToString(), e.Message);
            }
        }

        return builder.ToMap();
    }

    public static ConfigMap ToMap(ConfigMap values) =>
        ToMap(values.Select(p => KeyValuePair.Create(p.Key, (object?)p.Value)));
}
