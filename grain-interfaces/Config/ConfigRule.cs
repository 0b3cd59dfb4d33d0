using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Validation rule of one config key, shaped after Ratio1's <c>{TYPE, MIN_VAL, MAX_VAL, MIN_LEN}</c> rules:
/// accepted types, numeric range, minimum length, allowed values and an optional custom check.
/// </summary>
public sealed record ConfigRule(string Key, ConfigType Types)
{
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>Minimum length of a string or list.</summary>
    public int? MinLength { get; init; }
    /// <summary>Allowed string values (compared case-insensitively).</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }
    public bool Required { get; init; }
    /// <summary>Value used when the key is absent.</summary>
    public ConfigValue? Default { get; init; }
    public string? Description { get; init; }
    /// <summary>Extra check; returns the reason the value is wrong, or null when it is fine.</summary>
    public Func<ConfigValue, string?>? Check { get; init; }

    /// <summary>Checks <paramref name="value"/> (null: the key is absent) and adds what is wrong to <paramref name="errors"/>.</summary>
    public void Validate(ConfigValue? value, string path, ICollection<ConfigError> errors)
    {
        if (value is null)
        {
            if (Required)
            {
                errors.Add(new ConfigError(path, null, "is required"));
            }

            return;
        }

        if (!Accepts(value))
        {
            errors.Add(new ConfigError(path, ConfigJson.Shorten(value.ToJson()), $"expected {DescribeTypes(Types)} but found {Describe(value)}"));
            return;
        }

        if (value.Kind == ConfigValueKind.Number)
        {
            var number = value.AsDouble();
            if (Min is { } min && number < min)
            {
                errors.Add(new ConfigError(path, value.ToJson(), $"must be at least {min}"));
                return;
            }

            if (Max is { } max && number > max)
            {
                errors.Add(new ConfigError(path, value.ToJson(), $"must be at most {max}"));
                return;
            }
        }

        if (MinLength is { } minLength)
        {
            var length = value.Kind switch
            {
                ConfigValueKind.String => value.AsString().Length,
                ConfigValueKind.Array => value.Items.Length,
                _ => int.MaxValue,
            };
            if (length < minLength)
            {
                errors.Add(new ConfigError(path, ConfigJson.Shorten(value.ToJson()), minLength == 1 ? "must not be empty" : $"must have at least {minLength} elements"));
                return;
            }
        }

        if (AllowedValues is { Count: > 0 } allowed && value.Kind == ConfigValueKind.String &&
            !allowed.Contains(value.AsString(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ConfigError(path, value.ToJson(), $"must be one of {string.Join(", ", allowed)}"));
            return;
        }

        if (Check?.Invoke(value) is { } reason)
        {
            errors.Add(new ConfigError(path, ConfigJson.Shorten(value.ToJson()), reason));
        }
    }

    /// <summary>Whether the value's JSON type is one this rule accepts.</summary>
    public bool Accepts(ConfigValue value) => value.Kind switch
    {
        ConfigValueKind.Null => Types.HasFlag(ConfigType.Null),
        ConfigValueKind.Boolean => Types.HasFlag(ConfigType.Bool),
        ConfigValueKind.Number => Types.HasFlag(ConfigType.Float) || (Types.HasFlag(ConfigType.Int) && value.TryGetInt64(out _)),
        ConfigValueKind.String => Types.HasFlag(ConfigType.String),
        ConfigValueKind.Array => Types.HasFlag(ConfigType.List),
        ConfigValueKind.Object => Types.HasFlag(ConfigType.Dict),
        _ => false,
    };

    /// <summary>Human wording of a set of types: "an integer or null".</summary>
    public static string DescribeTypes(ConfigType types)
    {
        var names = new List<string>();
        if (types.HasFlag(ConfigType.Bool)) names.Add("a boolean");
        if (types.HasFlag(ConfigType.Float)) names.Add("a number");
        else if (types.HasFlag(ConfigType.Int)) names.Add("an integer");
        if (types.HasFlag(ConfigType.String)) names.Add("a string");
        if (types.HasFlag(ConfigType.List)) names.Add("a list");
        if (types.HasFlag(ConfigType.Dict)) names.Add("an object");
        if (types.HasFlag(ConfigType.Null)) names.Add("null");
        return names.Count switch
        {
            0 => "nothing",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }

    private static string Describe(ConfigValue value) => value.Kind switch
    {
        ConfigValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a number",
        ConfigValueKind.Null => "null",
        _ => "a " + ConfigValue.KindName(value.Kind),
    };
}
