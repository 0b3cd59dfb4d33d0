using Ratio1.Orleans.Client;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Tests.Nodes;

/// <summary>A silo refuses bad settings at start, naming the switch and the value.</summary>
public sealed class SiloSettingsTests
{
    [Theory]
    [InlineData("--alias", "an-alias-longer-than-twenty", "--alias")]
    [InlineData("--gateway-port", "70000", "--gateway-port")]
    [InlineData("--advertised-address", "edge.example", "--advertised-address")]
    [InlineData("--node-id", "edge/01", "--node-id")]
    [InlineData("--storage", "mongodb", "--storage")]
    public void A_bad_setting_stops_the_silo_before_it_starts_and_is_named(string option, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => EdgeSiloHost.Build([option, value]));

        Assert.Contains(named, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void An_unknown_switch_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => EdgeSiloHost.Build(["--nod-id", "x"]));

        Assert.Contains("--nod-id", error.Message);
    }

    [Fact]
    public async Task A_gateway_host_that_does_not_resolve_is_a_connection_error()
    {
        var options = new Ratio1SessionOptions { Gateways = ["no-such-host.invalid:30000"], ConnectTimeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<Ratio1ConnectionException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains("no-such-host.invalid", error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("edge-01.local:31000", "edge-01.local", 31000)]
    [InlineData("[::1]:30000", "::1", 30000)]
    public void A_gateway_is_written_host_colon_port(string text, string host, int port)
    {
        Assert.True(GatewayAddress.TryParse(text, out var address));
        Assert.Equal((host, port), (address.Host, address.Port));
    }
}
