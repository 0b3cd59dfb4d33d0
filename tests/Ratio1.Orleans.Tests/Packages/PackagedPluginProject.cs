namespace Ratio1.Orleans.Tests.Packages;

/// <summary>
/// A throw-away plugin project as an author outside this repository writes it: a PackageReference to the SDK package
/// from the local feed (a NuGet.config adds the feed and keeps the machine's own sources), and one business plugin.
/// </summary>
public sealed record PackagedPluginProject(string Folder, string Output)
{
    public const string AssemblyName = "Packaged.Greeting";

    public const string Signature = "PACKAGED_GREETING_01";

    public static PackagedPluginProject Write(string folder, LocalFeed feed)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{AssemblyName}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ratio1.Orleans.Plugins" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        // Its own packages folder, so nothing of this run lands in the machine's; the machine's (with the SDK's
        // dependencies, restored by this build) is a fallback, so the restore needs no network.
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <add key="local" value="{feed.Folder}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "GreetingPlugin.cs"), $$"""
            using Ratio1.Orleans.Contracts.Config;
            using Ratio1.Orleans.Plugins;

            namespace Packaged.Greeting;

            [Plugin("{{Signature}}", Description = "Sends its greeting on every execution", Version = "1.0.0")]
            public sealed class GreetingPlugin : BusinessPlugin<GreetingPlugin.GreetingConfig>
            {
                public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
                {
                    context.EmitPayload(ConfigMap.Empty.SetItem("GREETING", Config.Greeting));
                    return ValueTask.CompletedTask;
                }

                public sealed class GreetingConfig
                {
                    [ConfigKey(Required = true)]
                    public string Greeting { get; set; } = "";

                    public bool AllowEmptyInputs { get; set; } = true;

                    public double ProcessDelay { get; set; } = 0.2;
                }
            }
            """);
        return new PackagedPluginProject(folder, Path.Combine(folder, "out"));
    }

    private static string MachinePackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
