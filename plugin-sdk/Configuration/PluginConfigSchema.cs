using System.Reflection;
using System.Text;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// The config keys of a plugin or a capture source: their defaults and validation rules (type, min/max, length,
/// required, allowed values, format, element rules), read from a typed config class, plus binding of a config map
/// back to that class.
/// </summary>
public sealed class PluginConfigSchema
{
    /// <summary>No keys of its own.</summary>
    public static readonly PluginConfigSchema Empty = new([], ConfigMap.Empty, new ConfigRuleSet([]));

    private readonly IReadOnlyList<KeyBinding> _bindings;

    private PluginConfigSchema(IReadOnlyList<KeyBinding> bindings, ConfigMap defaults, ConfigRuleSet rules)
    {
        _bindings = bindings;
        Defaults = defaults;
        Rules = rules;
    }

    /// <summary>Default value of each key.</summary>
    public ConfigMap Defaults { get; }

    /// <summary>Validation rule of each key.</summary>
    public ConfigRuleSet Rules { get; }

    /// <summary>The schema of <typeparamref name="TConfig"/>: one key per public settable property.</summary>
    public static PluginConfigSchema For<TConfig>() where TConfig : class, new() => For<TConfig>(ConfigRuleSet.Empty);

    /// <summary>
    /// The schema of <typeparamref name="TConfig"/>, where some keys' rules are declared elsewhere: a property without
    /// a <see cref="ConfigKeyAttribute"/> of its own whose key has a rule in <paramref name="declared"/> takes that
    /// rule (and its default, when it has one), so the rule is declared once for every class that binds the key.
    /// </summary>
    public static PluginConfigSchema For<TConfig>(ConfigRuleSet declared) where TConfig : class, new()
    {
        var sample = new TConfig();
        var bindings = new List<KeyBinding>();
        var defaults = new ConfigMap.Builder();
        var rules = new List<ConfigRule>();
        foreach (var property in typeof(TConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            var attribute = property.GetCustomAttribute<ConfigKeyAttribute>();
            var key = attribute?.Key ?? UpperSnake(property.Name);
            var types = TypesOf(property.PropertyType, typeof(TConfig));
            var initial = property.GetValue(sample) is { } value ? ConfigValue.From(value) : null;
            var rule = attribute switch
            {
                null when declared.Find(key) is { } shared => shared with { Default = shared.Default ?? initial },
                { RuleFrom: { } member } when RuleFrom(typeof(TConfig), member) is var own => own with { Key = key, Default = own.Default ?? initial },
                _ => RuleOf(key, types, attribute, initial),
            };
            if (rule.Default is { } defaultValue)
            {
                defaults.Set(key, defaultValue);
            }

            rules.Add(rule);
            bindings.Add(new KeyBinding(key, property));
        }

        return new PluginConfigSchema(bindings, defaults.ToMap(), new ConfigRuleSet(rules));
    }

    /// <summary>The effective config of an instance: defaults overlaid with the instance's own keys.</summary>
    public ConfigMap Effective(ConfigMap instanceSettings) => Defaults.Count == 0 ? instanceSettings : Defaults.SetItems(instanceSettings);

    /// <summary>
    /// Checks keys against the rules with <see cref="ConfigRuleSet.Validate"/>, the routine a deploy runs on what the
    /// node registered, so the node refuses exactly what a deploy refuses, for the same reason. Errors name each key
    /// under <paramref name="prefix"/>.
    /// </summary>
    public void Validate(ConfigMap settings, string prefix, ICollection<ConfigError> errors) => Rules.Validate(settings, prefix, errors);

    /// <summary>The effective config of <paramref name="settings"/> once they pass <see cref="Validate"/>.</summary>
    /// <exception cref="InvalidConfigException">A key breaks its rule; every bad key is named.</exception>
    public ConfigMap Read(ConfigMap settings)
    {
        var errors = new List<ConfigError>();
        Validate(settings, string.Empty, errors);
        return errors.Count > 0 ? throw new InvalidConfigException(errors) : Effective(settings);
    }

    /// <summary>A <typeparamref name="TConfig"/> holding <paramref name="effective"/>'s values (keys it lacks keep their defaults).</summary>
    public TConfig Bind<TConfig>(ConfigMap effective) where TConfig : class, new()
    {
        var config = new TConfig();
        foreach (var binding in _bindings)
        {
            if (effective.GetValueOrDefault(binding.Key) is { } value)
            {
                binding.Property.SetValue(config, Convert(value, binding.Property.PropertyType, binding.Key));
            }
        }

        return config;
    }

    /// <summary><c>AlertRaiseValue</c> → <c>ALERT_RAISE_VALUE</c>.</summary>
    public static string UpperSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }

    // A required key must be given, and null does not count as given.
    private static ConfigRule RuleOf(string key, ConfigType types, ConfigKeyAttribute? attribute, ConfigValue? initial) =>
        new(key, attribute is { Required: true } ? types & ~ConfigType.Null : types)
        {
            Min = attribute is { Min: var min } && !double.IsNaN(min) ? min : null,
            Max = attribute is { Max: var max } && !double.IsNaN(max) ? max : null,
            MinLength = attribute is { MinLength: > 0 } ? attribute.MinLength : null,
            MaxLength = attribute is { MaxLength: > 0 } ? attribute.MaxLength : null,
            Required = attribute?.Required ?? false,
            AllowedValues = attribute?.AllowedValues,
            Description = attribute?.Description,
            Format = attribute?.Format,
            Default = initial,
        };

    private static ConfigRule RuleFrom(Type owner, string member) =>
        owner.GetProperty(member, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ConfigRule
        ?? throw new InvalidOperationException($"{owner.Name}: [ConfigKey(RuleFrom = \"{member}\")] names no public static ConfigRule property.");

    private static ConfigType TypesOf(Type type, Type owner)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || !type.IsValueType ? ConfigType.Null : ConfigType.None;
        type = underlying ?? type;
        var kind = type switch
        {
            _ when type == typeof(bool) => ConfigType.Bool,
            _ when type == typeof(int) || type == typeof(long) => ConfigType.Int,
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => ConfigType.Float,
            _ when type == typeof(string) => ConfigType.String,
            _ when type == typeof(ConfigMap) => ConfigType.Dict,
            _ when type == typeof(ConfigValue) => ConfigType.Any,
            _ when type == typeof(string[]) || type == typeof(double[]) || type == typeof(int[]) || type == typeof(IReadOnlyList<string>) || type == typeof(IReadOnlyList<double>) => ConfigType.List,
            _ => throw new InvalidOperationException($"{owner.Name}: config properties may be bool, int, long, double, string, arrays of string/int/double, ConfigMap or ConfigValue, not {type.Name}."),
        };
        return kind | nullable;
    }

    private static object? Convert(ConfigValue value, Type type, string key)
    {
        if (value.IsNull)
        {
            return null;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(ConfigValue) => value,
            _ when target == typeof(ConfigMap) => value.Fields,
            _ when target == typeof(bool) => value.AsBoolean(),
            _ when target == typeof(int) => (int)value.AsDouble(),
            _ when target == typeof(long) => value.TryGetInt64(out var l) ? l : (long)value.AsDouble(),
            _ when target == typeof(double) => value.AsDouble(),
            _ when target == typeof(float) => (float)value.AsDouble(),
            _ when target == typeof(decimal) => (decimal)value.AsDouble(),
            _ when target == typeof(string) => value.Kind == ConfigValueKind.String ? value.AsString() : value.ToJson(),
            _ when target == typeof(string[]) || target == typeof(IReadOnlyList<string>) => value.Items.Select(i => i.Kind == ConfigValueKind.String ? i.AsString() : i.ToJson()).ToArray(),
            _ when target == typeof(double[]) || target == typeof(IReadOnlyList<double>) => value.Items.Select(i => i.AsDouble()).ToArray(),
            _ when target == typeof(int[]) => value.Items.Select(i => (int)i.AsDouble()).ToArray(),
            _ => throw new InvalidConfigException(key, value.ToJson(), $"cannot be read as {target.Name}"),
        };
    }

    private sealed record KeyBinding(string Key, PropertyInfo Property);
}
