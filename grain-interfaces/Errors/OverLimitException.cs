using System.Globalization;

namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// A change would take the node past one of its limits (config size, instances per pipeline, pipelines per node), so
/// it was refused and nothing changed. The message names the limit, its value and the setting that sets it.
/// </summary>
[GenerateSerializer, Alias("r1.error.over-limit")]
public sealed class OverLimitException : Ratio1Exception
{
    public OverLimitException()
    {
    }

    /// <param name="what">What was measured, e.g. "the config of pipeline 'p'".</param>
    /// <param name="value">Its measure.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="unit">What is counted: "bytes (UTF-8 JSON)", "instances", "pipelines".</param>
    /// <param name="setting">The setting that sets the limit, e.g. <c>Limits:MaxConfigBytes</c>.</param>
    public OverLimitException(string what, long value, long limit, string unit, string setting)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{what} is {value:N0} {unit}, over the limit of {limit:N0} ({setting}); nothing was changed."))
    {
        What = what;
        Value = value;
        Limit = limit;
        Setting = setting;
    }

    [Id(0)] public string What { get; private set; } = string.Empty;

    [Id(1)] public long Value { get; private set; }

    [Id(2)] public long Limit { get; private set; }

    [Id(3)] public string Setting { get; private set; } = string.Empty;
}
