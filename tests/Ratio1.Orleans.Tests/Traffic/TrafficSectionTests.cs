using Ratio1.Orleans.Client;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>Traffic provider settings are checked before anything starts, and errors name the switch and the value.</summary>
public sealed class TrafficSectionTests
{
    [Fact]
    public void Adonet_traffic_on_sqlite_storage_stops_the_silo_naming_both_switches()
    {
        var error = Assert.Throws<ArgumentException>(() => EdgeSiloHost.Build(["--traffic", "adonet"]));

        Assert.Contains("--traffic", error.Message);
        Assert.Contains("adonet", error.Message);
        Assert.Contains("--storage postgres", error.Message);
        Assert.Contains("sqlite", error.Message);
    }

    [Theory]
    [InlineData("--traffic", "kafka")]
    [InlineData("--traffic-queues", "0")]
    [InlineData("--traffic-queues", "many")]
    [InlineData("--traffic-pulling-ms", "-25")]
    [InlineData("--traffic-pulling-ms", "fast")]
    [InlineData("--traffic-max-message-bytes", "100")]
    [InlineData("--traffic-max-message-bytes", "1MB")]
    [InlineData("--Traffic:CacheMiB", "0")]
    [InlineData("--Traffic:BacklogSeconds", "forever")]
    [InlineData("--Traffic:IdlePollingPeriodMs", "10")]
    public void A_bad_traffic_setting_stops_the_silo_naming_the_switch_and_the_value(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => EdgeSiloHost.Build([option, value]));

        // Settings without a switch of their own are named by their key (Traffic:CacheMiB).
        Assert.Contains(option.TrimStart('-'), error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void A_memory_bound_too_small_for_the_largest_message_stops_the_silo_saying_what_it_must_hold()
    {
        var error = Assert.Throws<ArgumentException>(() => EdgeSiloHost.Build(["--traffic-max-message-bytes", "4000000", "--Traffic:CacheMiB", "4"]));

        Assert.Contains("Traffic:CacheMiB 4", error.Message);
        Assert.Contains("Traffic:MaxMessageBytes 4000000", error.Message);
        Assert.Contains("8 MiB", error.Message);
    }

    [Fact]
    public async Task A_client_for_adonet_traffic_without_a_connection_string_is_refused_before_connecting()
    {
        var options = new Ratio1SessionOptions { Traffic = TrafficProvider.AdoNet, ConnectTimeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Ratio1Session.ConnectAsync(options));

        Assert.Contains(nameof(Ratio1SessionOptions.TrafficConnectionString), error.Message);
    }

    [Fact]
    public async Task R1ctl_refuses_an_unknown_traffic_provider_as_a_usage_error_naming_it()
    {
        var result = await R1ctl.RunAsync(gatewayPort: 1, "nodes", "--traffic", "kafka");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--traffic", result.Stderr);
        Assert.Contains("kafka", result.Stderr);
    }

    [Fact]
    public async Task R1ctl_with_adonet_traffic_needs_a_connection_string()
    {
        var result = await R1ctl.RunAsync(gatewayPort: 1, "nodes", "--traffic", "adonet");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--traffic-connection-string", result.Stderr);
    }
}
