using Microsoft.Extensions.Options;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// Checks the <c>Traffic</c> section against the storage it runs on (<see cref="TrafficOptions.Problems"/>, the rules
/// <see cref="Hosting.SiloBuilderTrafficExtensions.AddRatio1Traffic"/> also applies); each failure names its switch or key and value.
/// </summary>
public sealed class TrafficOptionsValidator(StorageProvider storage) : IValidateOptions<TrafficOptions>
{
    public ValidateOptionsResult Validate(string? name, TrafficOptions options) =>
        options.Problems(storage).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
