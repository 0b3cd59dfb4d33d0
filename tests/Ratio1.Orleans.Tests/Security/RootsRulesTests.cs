using System.Net;
using Ratio1.Orleans.Contracts.Reach;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>The rules behind the node's reach: roots judged as text and with links followed, hosts by name and address.</summary>
public sealed class RootsRulesTests
{
    private static readonly CaptureReach.HostResolver NoDns = (host, _) => throw new System.Net.Sockets.SocketException(11001);

    [Fact]
    public void A_link_inside_a_root_to_a_folder_outside_is_outside_once_followed()
    {
        var root = Directory.CreateTempSubdirectory("r1-root-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "etc"), "/etc");
        var roots = new PathRoots([root]);

        Assert.True(roots.Contains(Path.Combine(root, "etc", "passwd")));
        Assert.False(roots.ContainsResolved(Path.Combine(root, "etc", "passwd")));
    }

    [Fact]
    public void Dot_dot_after_a_link_is_followed_as_the_kernel_follows_it()
    {
        var root = Directory.CreateTempSubdirectory("r1-root-").FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "ssl"), "/etc/ssl");

        // As text this is <root>/passwd; opened, it is /etc/passwd.
        Assert.False(new PathRoots([root]).ContainsResolved(root + "/ssl/../passwd"));
    }

    [Theory]
    [InlineData("relative/file.csv")]
    [InlineData("/srv/media-other/file.csv")]
    [InlineData("/srv/media/../secret")]
    [InlineData("/srv/media\0/x")]
    public void Paths_outside_a_root_by_text_are_outside(string path) => Assert.False(new PathRoots(["/srv/media"]).Contains(path));

    [Theory]
    [InlineData("/srv/media")]
    [InlineData("/srv/media/a/b.csv")]
    [InlineData("/srv/media/a/../b.csv")]
    public void Paths_under_a_root_are_inside(string path) => Assert.True(new PathRoots(["/srv/media/"]).Contains(path));

    [Theory]
    [InlineData("*", "127.0.0.1")]
    [InlineData("0.0.0.0/0", "127.0.0.1")]
    [InlineData("*", "169.254.169.254")]
    [InlineData("*", "::ffff:127.0.0.1")]
    [InlineData("*", "0.0.0.0")]
    [InlineData("10.0.0.0/8", "192.168.1.10")]
    [InlineData("", "8.8.8.8")]
    public void Addresses_not_allowed_are_refused(string entries, string address) =>
        Assert.NotNull(new HostAllowList(entries.Split(',')).Refuses(IPAddress.Parse(address), nameAllowed: false));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("127.0.0.0/8", "127.0.0.2")]
    [InlineData("10.0.0.0/8", "10.1.2.3")]
    [InlineData("*", "192.168.1.10")]
    [InlineData("fd00::/8", "fd00::5")]
    public void Addresses_allowed_by_an_entry_are_allowed(string entries, string address) =>
        Assert.Null(new HostAllowList(entries.Split(',')).Refuses(IPAddress.Parse(address), nameAllowed: false));

    [Fact]
    public async Task A_listed_name_that_resolves_to_loopback_is_refused()
    {
        var reach = new CaptureReach([], ["cam.example"], []);

        var problem = await reach.CheckAsync("rtsp://cam.example/live", false, (_, _) => Task.FromResult(new[] { IPAddress.Loopback }), CancellationToken.None);

        Assert.Contains("loopback", problem);
    }

    [Fact]
    public async Task A_name_under_a_listed_domain_resolving_to_a_public_address_is_allowed()
    {
        var reach = new CaptureReach([], ["*.cams.example"], []);

        Assert.Null(await reach.CheckAsync("rtsp://door.cams.example:554/live", false, (_, _) => Task.FromResult(new[] { IPAddress.Parse("203.0.113.7") }), CancellationToken.None));
    }

    [Fact]
    public async Task A_name_not_listed_is_refused_without_resolving_it()
    {
        var reach = new CaptureReach([], ["cam.example"], []);

        Assert.Contains("is not in Node:CaptureHosts", await reach.CheckAsync("http://other.example/", false, NoDns, CancellationToken.None));
    }

    [Fact]
    public async Task A_scheme_not_configured_is_refused()
    {
        var reach = new CaptureReach([], ["*"], ["rtsp"]);

        Assert.Contains("scheme 'http'", await reach.CheckAsync("http://203.0.113.7/", false, NoDns, CancellationToken.None));
    }
}
