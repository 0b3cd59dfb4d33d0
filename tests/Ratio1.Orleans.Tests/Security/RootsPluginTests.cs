using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Runtime;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>The node loads plugin code only from files in its plugin folder.</summary>
public sealed class RootsPluginTests
{
    private static readonly string SamplePlugins = Path.Combine(AppContext.BaseDirectory, "sample-plugins");

    [Fact]
    public void A_link_in_the_plugin_folder_to_a_dll_outside_it_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("r1-plugins-").FullName;
        var outside = Directory.GetFiles(SamplePlugins, "*.dll", SearchOption.AllDirectories).First(f => f.Contains("DewPoint", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(folder, "Evil.dll"), outside);

        var error = Assert.Throws<InvalidOperationException>(() => Catalog(folder));

        Assert.Contains("leads outside the plugin folder (Node:PluginFolder)", error.Message);
        Assert.Contains(folder, error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_plugin_folder_every_user_may_write_to_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("r1-plugins-").FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);

        var error = Assert.Throws<InvalidOperationException>(() => Catalog(folder));

        Assert.Contains("writable by every user", error.Message);
    }

    [Fact]
    public void Plugins_in_the_folder_are_loaded()
    {
        var catalog = Catalog(SamplePlugins);

        Assert.Contains("DEW_POINT_01", catalog.Signatures);
    }

    private static PluginCatalog Catalog(string folder) =>
        new([], Options.Create(new NodeOptions { PluginFolder = folder }), NullLogger<PluginCatalog>.Instance);
}
