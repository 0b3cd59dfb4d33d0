using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>A config or command was rejected before anything changed. <see cref="Errors"/> names every offending field.</summary>
[GenerateSerializer, Alias("r1.error.invalid-config")]
public sealed class InvalidConfigException : Ratio1Exception
{
    public InvalidConfigException()
    {
    }

    public InvalidConfigException(IEnumerable<ConfigError> errors)
        : this(errors.ToImmutableArray())
    {
    }

    public InvalidConfigException(string field, string? value, string reason)
        : this([new ConfigError(field, value, reason)])
    {
    }

    private InvalidConfigException(ImmutableArray<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found, in document order.</summary>
    [Id(0)] public ImmutableArray<ConfigError> Errors { get; private set; } = [];

    /// <summary>Path of the first offending field.</summary>
    public string Field => Errors.IsDefaultOrEmpty ? string.Empty : Errors[0].Field;

    /// <summary>The first offending value as JSON text (null when the field is missing).</summary>
    public string? Value => Errors.IsDefaultOrEmpty ? null : Errors[0].Value;

    private static string Describe(ImmutableArray<ConfigError> errors) => errors.Length switch
    {
        0 => "Invalid config.",
        1 => $"Invalid config: {errors[0]}",
        _ => $"Invalid config ({errors.Length} problems): " + string.Join("; ", errors),
    };
}
