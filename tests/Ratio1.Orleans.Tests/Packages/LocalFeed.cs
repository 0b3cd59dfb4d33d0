using System.Reflection;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Packages;

/// <summary>
/// The four packages (contracts, plugin SDK, client, r1ctl) packed from this build into a temp folder used as a NuGet
/// feed. They get a version of their own (0.1.0-t&lt;random&gt;), so no package of the same version from an earlier
/// run, cached on the machine, can stand in for them.
/// </summary>
public sealed class LocalFeed : IAsyncLifetime
{
    private static readonly string[] Projects =
    [
        "grain-interfaces/Ratio1.Orleans.Contracts.csproj",
        "plugin-sdk/Ratio1.Orleans.Plugins.csproj",
        "client/Ratio1.Orleans.Client/Ratio1.Orleans.Client.csproj",
        "client/r1ctl/r1ctl.csproj",
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("r1-packages-").FullName;

    public string Folder => Path.Combine(Root, "feed");

    public string Version { get; } = $"0.1.0-t{Guid.NewGuid():N}";

    /// <summary>The configuration the tests (and so the projects packed) were built in.</summary>
    private static string Configuration => typeof(LocalFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    public async Task InitializeAsync()
    {
        // Packs what the test build already built (--no-build): each project's own output, as a release would. A tool's
        // pack publishes it first: into this temp folder, not the project's bin folder.
        var packs = Projects.Select(project => DotnetProgram.RunCommandAsync(RepositoryFolder.Root, TimeSpan.FromMinutes(3),
            "pack", project, "-c", Configuration, "--no-build", "-o", Folder, $"-p:PackageVersion={Version}",
            $"-p:PublishDir={Path.Combine(Root, "publish", Path.GetFileNameWithoutExtension(project))}/", "-nodeReuse:false"));
        foreach (var pack in await Task.WhenAll(packs))
        {
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
