using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>The built-in plugins over a replayed sensor file: threshold alerts and window statistics.</summary>
[Collection(SiloCollection.Name)]
public sealed class SensorReplayTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_threshold_instance_raises_and_lowers_alerts_as_a_replayed_sensor_crosses_it()
    {
        var csv = WriteCsv("time,temperature", "1,20", "2,25", "3,31", "4,33", "5,29", "6,26", "7,35");
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "StructuredFile", new Dictionary<string, object?> { ["URL"] = csv, ["CAP_RESOLUTION"] = 50 });
        pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "hot", new Dictionary<string, object?>
        {
            ["VALUE_KEY"] = "temperature",
            ["ALERT_RAISE_VALUE"] = 30,
            ["ALERT_LOWER_VALUE"] = 27,
            ["PROCESS_DELAY"] = 0,
            // Every reading counts: keep all that arrive between two executions, not only the latest.
            ["MAX_INPUTS_QUEUE_SIZE"] = 64,
        });

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3 && t.Notifications.Any(n => n.Code == NotificationCode.PipelineDataOk), what: "three alert changes and the end of the file");

        Assert.Equal([(31.0, true), (26.0, false), (35.0, true)], traffic.Payloads.Select(p => (p.Data["VALUE"].AsDouble(), p.Data["IS_ALERT"].AsBoolean())));
        Assert.All(traffic.Payloads, p => Assert.True(p.Data["IS_ALERT_STATUS_CHANGED"].AsBoolean()));
        Assert.Contains(traffic.Notifications, n => (int)n.Code == 500 && n.Message.Contains("raised", StringComparison.Ordinal));
        Assert.Contains(traffic.Notifications, n => (int)n.Code == 501 && n.Message.Contains("lowered (back below 27)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_aggregator_sends_window_statistics_of_the_replayed_values()
    {
        var csv = WriteCsv("temperature", "10", "20", "30", "40");
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "StructuredFile", new Dictionary<string, object?> { ["URL"] = csv, ["CAP_RESOLUTION"] = 100 });
        pipeline.CreatePluginInstance("AGGREGATOR_01", "stats", new Dictionary<string, object?> { ["VALUE_KEY"] = "temperature", ["WINDOW_SECONDS"] = 0.5 });

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Sum(p => p.Data["COUNT"].AsDouble()) >= 4, what: "statistics of all four readings");

        var window = traffic.Payloads.First();
        Assert.Equal((4.0, 10.0, 40.0, 25.0), (window.Data["COUNT"].AsDouble(), window.Data["MIN"].AsDouble(), window.Data["MAX"].AsDouble(), window.Data["MEAN"].AsDouble()));
    }

    private static string WriteCsv(params string[] lines)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("r1-csv-").FullName, "readings.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
