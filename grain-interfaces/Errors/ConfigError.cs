namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>One reason a config was rejected.</summary>
/// <param name="Field">Path of the offending field, e.g. <c>PLUGINS[0].INSTANCES[1].PROCESS_DELAY</c>.</param>
/// <param name="Value">The offending value as JSON text, or null when the field is missing.</param>
/// <param name="Reason">What is wrong with it.</param>
[GenerateSerializer, Immutable, Alias("r1.config-error")]
public sealed record ConfigError(
    [property: Id(0)] string Field,
    [property: Id(1)] string? Value,
    [property: Id(2)] string Reason)
{
    public override string ToString() =>
        Value is null ? $"{Field}: {Reason}" : $"{Field} = {Truncate(Value)}: {Reason}";

    private static string Truncate(string value) => value.Length <= 120 ? value : value[..117] + "...";
}
