using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Grains.Security;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Registers the silo's settings sections: bound to configuration, checked by their validators when the host starts.</summary>
public static class SiloSettingsRegistration
{
    public static IServiceCollection AddSiloSettings(this IServiceCollection services, IConfiguration configuration)
    {
        Add<NodeOptions, NodeOptionsValidator>(services, configuration.GetSection(NodeOptions.SectionName));
        Add<NetworkOptions, NetworkOptionsValidator>(services, configuration.GetSection(NetworkOptions.SectionName));
        Add<MembershipSettings, MembershipSettingsValidator>(services, configuration.GetSection(MembershipSettings.SectionName));
        Add<TelemetryOptions, TelemetryOptionsValidator>(services, configuration.GetSection(TelemetryOptions.SectionName));
        Add<TlsSettings, TlsSettingsValidator>(services, configuration.GetSection(TlsSettings.SectionName));
        Add<SecurityOptions, SecurityOptionsValidator>(services, configuration.GetSection(SecurityOptions.Section));
        return services;
    }

    private static void Add<TOptions, TValidator>(IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
