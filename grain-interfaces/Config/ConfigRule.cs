using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Validation rule of one config key, shaped after Ratio1's <c>{TYPE, MIN_VAL, MAX_VAL, MIN_LEN}</c> rules:
/// accepted types, numeric range, length, allowed values, a named format, a rule for every element of a list, and
/// an optional custom check. Everything but <see cref="Check"/> is declarative, so a rule can travel as data
/// (<see cref="ConfigRuleSet.ToMap"/>) and be checked where the code that declared it does not run.
/// </summary>
public sealed record ConfigRule(string Key, ConfigType Types)
{
    public double? Min { get; init; }
    public double? Max { get; init; }
    /// <summary>Minimum length of a string or list.</summary>
    public int? MinLength { get; init; }
    /// <summary>Maximum length of a string or list.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Allowed string values (compared case-insensitively).</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }
    public bool Required { get; init; }
    /// <summary>Value used when the key is absent.</summary>
    public ConfigValue? Default { get; init; }
    public string? Description { get; init; }
    /// <summary>A named check of string values, one of <see cref="ConfigFormats"/> (e.g. a pipeline name).</summary>
    public string? Format { get; init; }
    /// <summary>Rule of every element of a list value (its <see cref="Key"/> is not used); errors name <c>KEY[i]</c>.</summary>
    public ConfigRule? Items { get; init; }
    /// <summary>
    /// Extra check; returns the reason the value is wrong, or null when it is fine. Code does not travel with a rule,
    /// so it runs only where the rule was declared; prefer the declarative members for what they can express.
    /// </summary>
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

        if (CheckLength(value) is { } lengthProblem)
        {
            errors.Add(new ConfigError(path, ConfigJson.Shorten(value.ToJson()), lengthProblem));
            return;
        }

        if (AllowedValues is { Count: > 0 } allowed && value.Kind == ConfigValueKind.String &&
            !allowed.Contains(value.AsString(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ConfigError(path, value.ToJson(), $"must be one of {string.Join(", ", allowed)}"));
            return;
        }

        if (Format is { } format && value.Kind == ConfigValueKind.String && ConfigFormats.Check(format, value.AsString()) is { } badFormat)
        {
            errors.Add(new ConfigError(path, ConfigJson.Shorten(value.ToJson()), badFormat));
            return;
        }

        if (Items is { } items && value.Kind == ConfigValueKind.Array)
        {
            var before = errors.Count;
            for (var i = 0; i < value.Items.Length; i++)
            {
                items.Validate(value.Items[i], $"{path}[{i}]", errors);
            }

            if (errors.Count > before)
            {
                return;
            }
        }

        if (Check?.Invoke(value) is { } reason)
        {
            errors.Add(new ConfigError(path, ConfigJson.Shorten(value.ToJson()), reason));
        }
    }

    // Lengths count characters of a string and elements of a list; other kinds have none.
    private string? CheckLength(ConfigValue value)
    {
        if (MinLength is null && MaxLength is null)
        {
            return null;
        }

        var (length, list) = value.Kind switch
        {
            ConfigValueKind.String => (value.AsString().Length, false),
            ConfigValueKind.Array => (value.Items.Length, true),
            _ => (-1, false),
        };
        if (length < 0)
        {
            return null;
        }

        if (list && MinLength is { } exact && MaxLength == exact && length != exact)
        {
            return $"has {length} elements; expected exactly {exact}";
        }

        if (MinLength is { } minLength && length < minLength)
        {
            return minLength == 1 ? "must not be empty" : $"must have at least {minLength} elements";
        }

        if (MaxLength is { } maxLength && length > maxLength)
        {
            return list ? $"has {length} elements; expected at most {maxLength}" : $"must be at most {maxLength} characters long";
        }

        return null;
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
        if (types.HasFlag(ConfigType.Bool))
        {
            names.Add("a boolean");
        }

        if (types.HasFlag(ConfigType.Float))
        {
            names.Add("a number");
        }
        else if (types.HasFlag(ConfigType.Int))
        {
            names.Add("an integer");
        }

        if (types.HasFlag(ConfigType.String))
        {
            names.Add("a string");
        }

        if (types.HasFlag(ConfigType.List))
        {
            names.Add("a list");
        }

        if (types.HasFlag(ConfigType.Dict))
        {
            names.Add("an object");
        }

        if (types.HasFlag(ConfigType.Null))
        {
            names.Add("null");
        }

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
