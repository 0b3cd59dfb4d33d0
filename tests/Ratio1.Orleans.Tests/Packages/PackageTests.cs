using System.IO.Compression;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Packages;

/// <summary>
/// The client, the contracts, the plugin SDK and r1ctl install as NuGet packages: r1ctl as a .NET tool, and a plugin
/// built against the SDK package alone (no project of this repository) runs on a node from its plugin folder.
/// </summary>
public sealed class PackageTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    [Fact]
    public void Each_package_carries_its_license_readme_documentation_and_symbols()
    {
        foreach (var id in new[] { "Ratio1.Orleans.Contracts", "Ratio1.Orleans.Plugins", "Ratio1.Orleans.Client", "r1ctl" })
        {
            using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"{id}.{feed.Version}.nupkg"));
            var nuspec = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open()).ReadToEnd();

            Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.Contains("<authors>Ratio1.Orleans contributors</authors>", nuspec);
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.True(File.Exists(Path.Combine(feed.Folder, $"{id}.{feed.Version}.snupkg")), id);
            if (id != "r1ctl")
            {
                Assert.Contains(package.Entries, e => e.FullName == $"lib/net10.0/{id}.xml");
            }
        }
    }

    [Fact]
    public async Task R1ctl_installs_from_the_package_as_a_dotnet_tool_and_runs()
    {
        var tools = Path.Combine(feed.Root, "tools");

        var install = await DotnetProgram.RunCommandAsync(feed.Root, TimeSpan.FromMinutes(3),
            "tool", "install", "r1ctl", "--tool-path", tools, "--add-source", feed.Folder, "--version", feed.Version);
        var help = await DotnetProgram.RunExecutableAsync(Path.Combine(tools, "r1ctl"), TimeSpan.FromMinutes(1), "--help");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("Usage:", help.Stdout);
        Assert.Contains("deploy", help.Stdout);
    }

    [Fact]
    public async Task A_plugin_built_against_the_sdk_package_runs_on_a_node_from_its_plugin_folder()
    {
        var project = PackagedPluginProject.Write(Path.Combine(feed.Root, "greeting-plugin"), feed);
        var build = await DotnetProgram.RunCommandAsync(project.Folder, TimeSpan.FromMinutes(5), "build", "-c", "Release", "-o", project.Output, "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());
        // What a plugin author drops into the node's plugin folder: the plugin's DLL, nothing of the SDK.
        var plugins = Directory.CreateDirectory(Path.Combine(feed.Root, "plugin-folder")).FullName;
        File.Copy(Path.Combine(project.Output, PackagedPluginProject.AssemblyName + ".dll"), Path.Combine(plugins, PackagedPluginProject.AssemblyName + ".dll"));

        await using var silo = await TestSilo.StartAsync("edge-packaged", extraArgs: ["--plugin-folder", plugins]);
        await using var session = await silo.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "greet");
        var pipeline = session.CreatePipeline(silo.NodeId, "greet", "OnDemandInput");
        pipeline.CreatePluginInstance(PackagedPluginProject.Signature, "g1", new Dictionary<string, object?> { ["GREETING"] = "hello from a package" });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 1, what: "a greeting");

        Assert.DoesNotContain(Directory.GetFiles(project.Output), f => Path.GetFileName(f).StartsWith("Ratio1.Orleans.", StringComparison.Ordinal));
        Assert.EndsWith(PackagedPluginProject.AssemblyName + ".dll", silo.Catalog.FindPlugin(PackagedPluginProject.Signature)!.Origin);
        Assert.Equal("hello from a package", traffic.Payloads[0].Data["GREETING"].AsString());
    }
}
