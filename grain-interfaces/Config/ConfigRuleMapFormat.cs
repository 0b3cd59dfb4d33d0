namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// The data form of a <see cref="ConfigRule"/>, in the shape of Ratio1's validation rules (<c>{TYPE, MIN_VAL, MAX_VAL,
/// MIN_LEN, DESCRIPTION}</c>, with <c>TYPE</c> one of <c>bool</c>, <c>int</c>, <c>float</c>, <c>str</c>, <c>list</c>,
/// <c>dict</c>, <c>null</c> or a list of them) plus <c>MAX_LEN</c>, <c>ALLOWED_VALUES</c>, <c>REQUIRED</c>,
/// <c>DEFAULT</c>, <c>FORMAT</c> and <c>ITEMS</c> (the rule of each element). <see cref="ConfigRule.Check"/> is code
/// and is not part of it. Reading is lenient: an entry it does not know is skipped, so a rule written by a newer build
/// is checked as far as this build understands it.
/// </summary>
internal static class ConfigRuleMapFormat
{
    private const string TypeKey = "TYPE";
    private const string MinKey = "MIN_VAL";
    private const string MaxKey = "MAX_VAL";
    private const string MinLengthKey = "MIN_LEN";
    private const string MaxLengthKey = "MAX_LEN";
    private const string AllowedKey = "ALLOWED_VALUES";
    private const string RequiredKey = "REQUIRED";
    private const string DefaultKey = "DEFAULT";
    private const string DescriptionKey = "DESCRIPTION";
    private const string FormatKey = "FORMAT";
    private const string ItemsKey = "ITEMS";

    private static readonly (ConfigType Type, string Name)[] TypeNames =
    [
        (ConfigType.Bool, "bool"), (ConfigType.Int, "int"), (ConfigType.Float, "float"), (ConfigType.String, "str"),
        (ConfigType.List, "list"), (ConfigType.Dict, "dict"), (ConfigType.Null, "null"),
    ];

    public static ConfigValue Write(ConfigRule rule)
    {
        var map = new ConfigMap.Builder();
        var types = TypeNames.Where(t => rule.Types.HasFlag(t.Type)).Select(t => ConfigValue.FromString(t.Name)).ToList();
        map.Set(TypeKey, types.Count == 1 ? types[0] : ConfigValue.FromArray(types));
        if (rule.Min is { } min)
        {
            map.Set(MinKey, Number(min));
        }

        if (rule.Max is { } max)
        {
            map.Set(MaxKey, Number(max));
        }

        if (rule.MinLength is { } minLength)
        {
            map.Set(MinLengthKey, ConfigValue.FromNumber(minLength));
        }

        if (rule.MaxLength is { } maxLength)
        {
            map.Set(MaxLengthKey, ConfigValue.FromNumber(maxLength));
        }

        if (rule.AllowedValues is { Count: > 0 } allowed)
        {
            map.Set(AllowedKey, ConfigValue.FromArray(allowed.Select(ConfigValue.FromString)));
        }

        if (rule.Required)
        {
            map.Set(RequiredKey, ConfigValue.True);
        }

        if (rule.Default is { } value)
        {
            map.Set(DefaultKey, value);
        }

        if (rule.Description is { Length: > 0 } description)
        {
            map.Set(DescriptionKey, description);
        }

        if (rule.Format is { Length: > 0 } format)
        {
            map.Set(FormatKey, format);
        }

        if (rule.Items is { } items)
        {
            map.Set(ItemsKey, Write(items));
        }

        return ConfigValue.FromObject(map.ToMap());
    }

    // Whole bounds are written as integers (1, not 1.0), as a person would write them.
    private static ConfigValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ConfigValue.FromNumber((long)value) : ConfigValue.FromNumber(value);

    /// <summary>The rule of <paramref name="key"/> that <paramref name="value"/> describes; null when it is not a rule object.</summary>
    public static ConfigRule? Read(string key, ConfigValue value)
    {
        if (value.Kind != ConfigValueKind.Object)
        {
            return null;
        }

        var map = value.Fields;
        return new ConfigRule(key, ReadTypes(map.GetValueOrDefault(TypeKey)))
        {
            Min = Number(map, MinKey),
            Max = Number(map, MaxKey),
            MinLength = Length(map, MinLengthKey),
            MaxLength = Length(map, MaxLengthKey),
            AllowedValues = map.GetValueOrDefault(AllowedKey) is { Kind: ConfigValueKind.Array } allowed
                ? [.. allowed.Items.Where(i => i.Kind == ConfigValueKind.String).Select(i => i.AsString())]
                : null,
            Required = map.GetValueOrDefault(RequiredKey) is { Kind: ConfigValueKind.Boolean } required && required.AsBoolean(),
            Default = map.GetValueOrDefault(DefaultKey),
            Description = Text(map, DescriptionKey),
            Format = Text(map, FormatKey),
            Items = map.GetValueOrDefault(ItemsKey) is { } items ? Read(key, items) : null,
        };
    }

    // No TYPE, or none this build knows: any value passes the type check.
    private static ConfigType ReadTypes(ConfigValue? value)
    {
        var names = value switch
        {
            { Kind: ConfigValueKind.String } one => [one],
            { Kind: ConfigValueKind.Array } many => many.Items,
            _ => [],
        };
        var types = ConfigType.None;
        foreach (var name in names.Where(n => n.Kind == ConfigValueKind.String))
        {
            types |= TypeNames.FirstOrDefault(t => string.Equals(t.Name, name.AsString(), StringComparison.OrdinalIgnoreCase)).Type;
        }

        return types == ConfigType.None ? ConfigType.Any : types;
    }

    private static double? Number(ConfigMap map, string key) =>
        map.GetValueOrDefault(key) is { Kind: ConfigValueKind.Number } number ? number.AsDouble() : null;

    private static int? Length(ConfigMap map, string key) =>
        Number(map, key) is { } length ? (int)Math.Clamp(length, 0, int.MaxValue) : null;

    private static string? Text(ConfigMap map, string key) =>
        map.GetValueOrDefault(key) is { Kind: ConfigValueKind.String } text ? text.AsString() : null;
}
