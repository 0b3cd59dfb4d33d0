namespace Ratio1.Orleans.Silo.Cli;

/// <summary>
/// The settings a command line gives: the values of its switches, by configuration key, and the configuration keys
/// typed as such (<c>--Section:Key=value</c>, <c>--Section:Key value</c>), which the configuration reader takes as they are.
/// </summary>
public sealed record CommandLineSettings(IReadOnlyList<KeyValuePair<string, string?>> Switches, IReadOnlyList<string> KeyArguments)
{
    /// <summary>Adds these settings as the last configuration sources, so the command line wins over appsettings.json and the environment.</summary>
    public IConfigurationBuilder AddTo(IConfigurationBuilder configuration) =>
        configuration.AddCommandLine([.. KeyArguments]).AddInMemoryCollection(Switches);

    /// <summary>The settings for a command: appsettings.json next to the program, then <c>R1_*</c> environment variables, then these.</summary>
    public IConfiguration Configuration() =>
        AddTo(new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables(SiloSwitch.EnvironmentPrefix)).Build();
}
