using Microsoft.Extensions.Options;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Grains.Security;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// The silo's settings sections as the options pattern binds them, each checked by its validator
/// (<see cref="IValidateOptions{TOptions}"/>, registered by <see cref="SiloSettingsRegistration.AddSiloSettings"/>).
/// </summary>
public sealed record SiloSettings(NodeOptions Node, NetworkOptions Network, MembershipSettings Membership, TelemetryOptions Telemetry, TlsSettings Tls, SecurityOptions Security)
{
    /// <summary>
    /// Binds and validates every section now, through the same registrations and validators the host runs at start
    /// (<c>ValidateOnStart</c>). Now, because the host starts late: the program claims the node's lease and migrates the
    /// schema before it, and the host is wired from these values; bad settings must stop the silo before any of that.
    /// </summary>
    /// <param name="configuration">The silo's configuration.</param>
    /// <param name="traffic">The <c>Traffic</c> section, read by <see cref="TrafficSection"/> (its provider names are not the enum's).</param>
    /// <param name="storage">The storage the traffic runs on.</param>
    /// <exception cref="ArgumentException">"Invalid settings:" and one line per failure, each naming its setting and value.</exception>
    /// <exception cref="InvalidOperationException">A value cannot be converted to its setting's type (the configuration binder's message).</exception>
    public static SiloSettings Check(IConfiguration configuration, TrafficOptions traffic, StorageProvider storage)
    {
        using var services = new ServiceCollection().AddSiloSettings(configuration).BuildServiceProvider();
        var failures = new List<string>();
        var node = Value<NodeOptions>(services, failures);
        var network = Value<NetworkOptions>(services, failures);
        var membership = Value<MembershipSettings>(services, failures);
        failures.AddRange(new TrafficOptionsValidator(storage).Validate(Options.DefaultName, traffic).Failures ?? []);
        var telemetry = Value<TelemetryOptions>(services, failures);
        var tls = Value<TlsSettings>(services, failures);
        var security = Value<SecurityOptions>(services, failures);
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid settings:" + string.Concat(failures.Select(f => Environment.NewLine + "  " + f)));
        }

        return new SiloSettings(node!, network!, membership!, telemetry!, tls!, security!);
    }

    private static T? Value<T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
            return null;
        }
    }
}
