namespace Ratio1.Orleans.Plugins;

/// <summary>
/// Rules of one typed-config property (see <see cref="BusinessPlugin{TConfig}"/> and <see cref="CaptureSource{TConfig}"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigKeyAttribute : Attribute
{
    /// <summary>The config key; default: the property name in upper-snake case (<c>AlertRaiseValue</c> → <c>ALERT_RAISE_VALUE</c>).</summary>
    public string? Key { get; init; }

    /// <summary>Smallest accepted number (NaN: none).</summary>
    public double Min { get; init; } = double.NaN;

    /// <summary>Largest accepted number (NaN: none).</summary>
    public double Max { get; init; } = double.NaN;

    /// <summary>Smallest length of a string or list (0: none).</summary>
    public int MinLength { get; init; }

    /// <summary>Largest length of a string or list (0: none). With <see cref="MinLength"/> equal, an exact length.</summary>
    public int MaxLength { get; init; }

    /// <summary>A named check of string values, one of <c>ConfigFormats</c> (e.g. <c>pipeline-name</c>).</summary>
    public string? Format { get; init; }

    /// <summary>
    /// The name of a public static property of the config class that returns the key's whole <c>ConfigRule</c>,
    /// for what the other members cannot express (a rule for each element of a list). Its key is replaced by this
    /// property's key; the other members of this attribute are ignored.
    /// </summary>
    public string? RuleFrom { get; init; }

    /// <summary>The key must be given by the instance (its default does not count), and not as null.</summary>
    public bool Required { get; init; }

    /// <summary>Accepted strings (case-insensitive).</summary>
    public string[]? AllowedValues { get; init; }

    /// <summary>What the key does (shown in docs and errors).</summary>
    public string? Description { get; init; }
}
