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

    public IReadOnlyCollection<ConfigRule> Rules => _rules.Values;

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
