using System.Globalization;
using System.Text.RegularExpressions;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>A plugin that throws keeps running with a back-off, is reported, and never stops another instance.</summary>
[Collection(SiloCollection.Name)]
public sealed partial class FaultIsolationTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_throwing_plugin_does_not_affect_its_sibling_and_each_failure_is_reported()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("FAILING_01", "f1");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });
        var deploy = await Assert.ThrowsAsync<DeployNotConfirmedException>(() => pipeline.DeployAsync());

        await traffic.WaitUntilAsync(t => t.CountPayloads("ECHO_01", "e1") >= 10 &&
            t.Notifications.Count(n => n.Code == NotificationCode.PluginDelayed) >= 3, what: "sibling payloads and failure reports");

        var failures = traffic.Notifications.Where(n => n.Code == NotificationCode.PluginDelayed).ToList();
        Assert.All(failures, n => Assert.Equal((NotificationType.Exception, "FAILING_01", "f1"), (n.Type, n.Envelope.Signature, n.Envelope.InstanceId)));
        Assert.Contains("boom #1", failures[0].Message);
        Assert.Contains("InvalidOperationException", failures[0].Info);
        Assert.Equal(0, traffic.CountPayloads("FAILING_01", "f1"));
        Assert.Contains("boom", Assert.Single(deploy.Failures).Message);
    }

    [Fact]
    public async Task Failures_in_a_row_space_out_the_retries()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("FAILING_01", "f1", new Dictionary<string, object?> { ["PLUGIN_EXCEPTION_DELAY"] = 0.1 });
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);

        await traffic.WaitUntilAsync(t => t.Notifications.Count(n => n.Code == NotificationCode.PluginDelayed) >= 4, what: "four failures");

        var failures = traffic.Notifications.Where(n => n.Code == NotificationCode.PluginDelayed).Take(4).ToList();
        var waits = failures.Select(n => double.Parse(RetryWait().Match(n.Message).Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(waits.Zip(waits.Skip(1), (a, b) => b > a).All(grows => grows), $"announced waits {string.Join(", ", waits)} s should grow");
        Assert.Contains("retrying in 0.4 s", failures[3].Message);
        // Each retry came no sooner than the wait its failure announced (a lower bound: a loaded machine only adds).
        for (var i = 0; i < 3; i++)
        {
            var gap = failures[i + 1].Envelope.Timestamp - failures[i].Envelope.Timestamp;
            Assert.True(gap >= TimeSpan.FromSeconds(waits[i]) - TimeSpan.FromMilliseconds(20), $"failure {i + 2} came {gap.TotalMilliseconds} ms after failure {i + 1}, which announced {waits[i]} s");
        }
    }

    [GeneratedRegex(@"retrying in ([0-9.]+) s")]
    private static partial Regex RetryWait();
}
