using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>A set of <see cref="ConfigRule"/>s for one config object; keys without a rule are accepted as they are.</summary>
public sealed class ConfigRuleSet
{
    private readonly Dictionary<string, ConfigRule> _rules;

    public ConfigRuleSet(IEnumerable<ConfigRule> rules)
    {
        _rules = rules.ToDictionary(r => r.Key, StringComparer.Ordinal);
    }

    /// <summary>No rules: every key is accepted as it is.</summary>
    public static ConfigRuleSet Empty { get; } = new([]);

    public IReadOnlyCollection<ConfigRule> Rules => _rules.Values;

    /// <summary>The rule of <paramref name="key"/>, or null when the key has none.</summary>
    public ConfigRule? Find(string key) => _rules.GetValueOrDefault(key);

    /// <summary>
    /// The rules as data, <c>{KEY: {TYPE, MIN_VAL, MAX_VAL, ...}}</c> in Ratio1's validation-rules shape, so they can be
    /// sent to and stored by whoever has to check configs without the code that declared them. Custom
    /// <see cref="ConfigRule.Check"/>s are code and are left out.
    /// </summary>
    public ConfigMap ToMap()
    {
        var map = new ConfigMap.Builder();
        foreach (var rule in _rules.Values)
        {
            map.Set(rule.Key, ConfigRuleMapFormat.Write(rule));
        }

        return map.ToMap();
    }

    /// <summary>Rules from their data form (<see cref="ToMap"/>); entries that are not rule objects are skipped.</summary>
    public static ConfigRuleSet FromMap(ConfigMap rules) =>
        new(rules.Select(r => ConfigRuleMapFormat.Read(r.Key, r.Value)).OfType<ConfigRule>());

    /// <summary>Checks every ruled key of <paramref name="config"/>; paths are <paramref name="prefix"/> + key.</summary>
    public void Validate(ConfigMap config, string prefix, ICollection<ConfigError> errors)
    {
        foreach (var rule in _rules.Values)
        {
            rule.Validate(config.GetValueOrDefault(rule.Key), prefix + rule.Key, errors);
        }
    }

    /// <summary><paramref name="config"/> with the defaults of absent keys filled in.</summary>
    public ConfigMap WithDefaults(ConfigMap config)
    {
        var builder = new ConfigMap.Builder();
        foreach (var rule in _rules.Values)
        {
            if (rule.Default is { } value && !config.ContainsKey(rule.Key))
            {
                builder.Set(rule.Key, value);
            }
        }

        return builder.Count == 0 ? config : builder.ToMap().SetItems(config);
    }
}
