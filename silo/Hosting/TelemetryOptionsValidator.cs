using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Checks the <c>Telemetry</c> section by its own rules (<see cref="TelemetryOptions.Problems"/>, kept with the exporters' settings).</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
