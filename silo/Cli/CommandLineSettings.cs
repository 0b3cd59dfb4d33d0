namespace Ratio1.Orleans.Silo.Cli;

/// <summary>
/// The settings a command line gives, as configuration arguments (<c>--Section:Key=value</c>) in the order they were
/// typed: each switch as the key it sets, each key typed as such as it was.
/// </summary>
public sealed record CommandLineSettings(IReadOnlyList<string> Arguments)
{
    /// <summary>Adds these settings as the last configuration source, so the command line wins over appsettings.json and the environment.</summary>
    public IConfigurationBuilder AddTo(IConfigurationBuilder configuration) => configuration.AddCommandLine([.. Arguments]);

    /// <summary>The settings for a command: appsettings.json next to the program, then <c>R1_*</c> environment variables, then these.</summary>
    public IConfiguration Configuration() =>
        AddTo(new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(SiloSwitch.EnvironmentPrefix)).Build();
}
