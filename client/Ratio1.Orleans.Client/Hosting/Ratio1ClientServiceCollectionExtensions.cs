using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Client.Hosting;

// In the namespace of IServiceCollection, as ASP.NET Core's and Orleans' own registrations are: found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a shared <see cref="Ratio1Session"/> in an ASP.NET Core or worker (Generic Host) application.</summary>
public static class Ratio1ClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="Ratio1Session"/> for the whole application: connected when the host starts (the start
    /// fails with <see cref="Ratio1ConnectionException"/> if the cluster cannot be reached within
    /// <see cref="Ratio1SessionOptions.ConnectTimeout"/>), logging through the application's <see cref="ILoggerFactory"/>,
    /// and disposed when the host stops. Options are checked when the host starts: a bad setting fails the start with an
    /// <see cref="OptionsValidationException"/> naming it and its value.
    /// </summary>
    /// <remarks>
    /// Once the host has started, take <see cref="Ratio1Session"/> from the container (constructor injection in a
    /// controller, an endpoint parameter, a <c>BackgroundService</c>'s loop); code that runs earlier awaits
    /// <see cref="IRatio1SessionProvider.GetSessionAsync"/>. Calling this more than once adds to the same session's options.
    /// </remarks>
    /// <example>
    /// <code>
    /// builder.Services.AddRatio1Client(o => o.Gateways = ["10.0.0.5:30000"]);
    /// app.MapGet("/nodes", (Ratio1Session session, CancellationToken ct) => session.GetNodesAsync(ct));
    /// </code>
    /// </example>
    public static IServiceCollection AddRatio1Client(this IServiceCollection services, Action<Ratio1SessionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddSharedSession(services, nameof(Ratio1SessionOptions)).Configure(configure);
        return services;
    }

    /// <summary>
    /// Like <see cref="AddRatio1Client(IServiceCollection, Action{Ratio1SessionOptions})"/>, with the options read from
    /// <paramref name="configuration"/> (a section such as <c>builder.Configuration.GetSection("Ratio1")</c>), whose keys
    /// are the properties of <see cref="Ratio1SessionOptions"/>: <c>Gateways</c> (a list, or one string of
    /// comma-separated <c>host:port</c>), <c>ClusterId</c>, <c>ConnectTimeout</c> (<c>00:00:15</c>), ... Errors name the
    /// setting by its configuration path. <paramref name="configure"/>, if given, runs after.
    /// </summary>
    public static IServiceCollection AddRatio1Client(this IServiceCollection services, IConfiguration configuration, Action<Ratio1SessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var prefix = configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path : nameof(Ratio1SessionOptions);
        var builder = AddSharedSession(services, prefix).Configure(options =>
        {
            var gateways = configuration.GetSection(nameof(Ratio1SessionOptions.Gateways));
            var listed = gateways.GetChildren().Select(g => g.Value).OfType<string>().ToList();
            var single = gateways.Value;
            // Bound as is, a list would be added to the default gateway rather than replace it, and a single string not read.
            configuration.Bind(options);
            if (listed.Count > 0)
            {
                options.Gateways = listed;
            }
            else if (single is not null)
            {
                options.Gateways = [.. single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            }
        });
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services;
    }

    private static OptionsBuilder<Ratio1SessionOptions> AddSharedSession(IServiceCollection services, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<Ratio1SessionOptions>();
        if (services.Any(d => d.ServiceType == typeof(SharedSession)))
        {
            return options;
        }

        options.PostConfigure<ILoggerFactory>((o, loggerFactory) => o.LoggerFactory ??= loggerFactory).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Ratio1SessionOptions>>(new Ratio1SessionOptionsValidator(prefix));
        services.AddSingleton<SharedSession>();
        services.AddSingleton<IRatio1SessionProvider>(sp => sp.GetRequiredService<SharedSession>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SharedSession>());
        services.AddSingleton(sp => sp.GetRequiredService<SharedSession>().Session);
        return options;
    }
}
