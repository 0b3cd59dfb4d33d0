using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Client.Hosting;

/// <summary>
/// Checks the options of a shared session when the host starts, naming each bad setting by its path
/// (<paramref name="prefix"/> is the configuration section's, or <c>Ratio1SessionOptions</c>) and its value.
/// </summary>
internal sealed class Ratio1SessionOptionsValidator(string prefix) : IValidateOptions<Ratio1SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, Ratio1SessionOptions options)
    {
        var errors = new List<string>();
        if (options.MembershipConnectionString is null)
        {
            if (options.Gateways is not { Count: > 0 })
            {
                errors.Add($"{prefix}:Gateways is empty: give at least one gateway as host:port (e.g. 127.0.0.1:30000), or a MembershipConnectionString.");
            }
            else
            {
                for (var i = 0; i < options.Gateways.Count; i++)
                {
                    if (!GatewayAddress.TryParse(options.Gateways[i], out _))
                    {
                        errors.Add($"{prefix}:Gateways:{i} = '{options.Gateways[i]}' is not host:port (e.g. 127.0.0.1:30000).");
                    }
                }
            }
        }

        Positive(errors, nameof(options.ConnectTimeout), options.ConnectTimeout);
        Positive(errors, nameof(options.ResponseTimeout), options.ResponseTimeout);
        Positive(errors, nameof(options.ReconnectPeriod), options.ReconnectPeriod);
        Positive(errors, nameof(options.DiscoveryPeriod), options.DiscoveryPeriod);
        Positive(errors, nameof(options.GatewayListRefreshPeriod), options.GatewayListRefreshPeriod);
        if (options.GatewayLossGrace < TimeSpan.Zero)
        {
            errors.Add($"{prefix}:GatewayLossGrace = {options.GatewayLossGrace} must not be negative.");
        }

        if (options.MaxMessageBytes <= 0)
        {
            errors.Add($"{prefix}:MaxMessageBytes = {options.MaxMessageBytes} must be positive.");
        }

        if (options.MaxConfigBytes <= 0)
        {
            errors.Add($"{prefix}:MaxConfigBytes = {options.MaxConfigBytes} must be positive.");
        }

        if (options.Traffic == TrafficProvider.AdoNet && string.IsNullOrEmpty(options.TrafficConnectionString) && string.IsNullOrEmpty(options.MembershipConnectionString))
        {
            errors.Add($"{prefix}:Traffic = AdoNet needs the silos' PostgreSQL connection string: set {prefix}:TrafficConnectionString (or MembershipConnectionString).");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}:{setting} = {value} must be positive.");
        }
    }
}
