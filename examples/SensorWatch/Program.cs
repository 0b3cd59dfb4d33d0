using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;

// End-to-end example. With a silo running (`dotnet run --project silo`), run:
//   dotnet run --project examples/SensorWatch -- [--node <node id>] [--gateway 127.0.0.1:30000] [--seconds 30]
// It deploys a pipeline that replays readings.csv at 4 rows per second on the node, with a threshold instance that
// raises an alert above 30 °C and lowers it under 28 °C, and a window aggregator; then it prints what the node
// sends back until the time is up, and archives the pipeline.
var gateway = Option("--gateway") ?? "127.0.0.1:30000";
var seconds = int.Parse(Option("--seconds") ?? "30");
var readings = Path.Combine(AppContext.BaseDirectory, "readings.csv");

await using var session = await Ratio1Session.ConnectAsync(new Ratio1SessionOptions { Gateways = [gateway], ClientName = "sensor-watch" });
var node = Option("--node") ?? (await session.GetNodesAsync()).FirstOrDefault(n => n.IsOnline)?.NodeId
    ?? throw new InvalidOperationException("No node is online: start one with `dotnet run --project silo`.");
await session.WaitForNodeAsync(node, TimeSpan.FromSeconds(30));
Console.WriteLine($"node {node} is online; replaying {readings}");

var pipeline = await session.CreateOrAttachToPipelineAsync(node, "sensor-watch", "StructuredFile");
pipeline.UpdateCaptureConfig(new Dictionary<string, object?> { ["URL"] = readings, ["CAP_RESOLUTION"] = 4, ["REPLAY"] = true });
foreach (var instance in pipeline.Instances.ToList())
{
    pipeline.RemovePluginInstance(instance.Signature, instance.InstanceId);
}

pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "too-hot", new Dictionary<string, object?>
{
    ["VALUE_KEY"] = "temperature",
    ["ALERT_RAISE_VALUE"] = 30,
    ["ALERT_LOWER_VALUE"] = 28,
    ["ALERT_RAISE_CONFIRMATIONS"] = 2,
});
pipeline.CreatePluginInstance("AGGREGATOR_01", "per-5s", new Dictionary<string, object?> { ["VALUE_KEY"] = "temperature", ["WINDOW_SECONDS"] = 5 });

await using var data = await pipeline.OnDataAsync(payload =>
{
    var d = payload.Data;
    Console.WriteLine(payload.Envelope.Signature == "SENSOR_THRESHOLD_01"
        ? $"{payload.Envelope.Timestamp:HH:mm:ss} ALERT {(d["IS_ALERT"].AsBoolean() ? "RAISED " : "lowered")} temperature {d["VALUE"]}"
        : $"{payload.Envelope.Timestamp:HH:mm:ss} window: {d["COUNT"]} readings, mean {d["MEAN"].AsDouble():0.0}, min {d["MIN"]}, max {d["MAX"]}");
});
await using var notifications = await pipeline.OnNotificationAsync(n =>
{
    if (n.Type != NotificationType.Normal || n.Code is NotificationCode.PipelineOk or NotificationCode.PluginConfigOk)
    {
        Console.WriteLine($"{n.Envelope.Timestamp:HH:mm:ss} {n.Tag}: {n.Message}");
    }
});

var outcome = await pipeline.DeployAsync();
Console.WriteLine($"deployed version {outcome.Version}; watching for {seconds} s");
await Task.Delay(TimeSpan.FromSeconds(seconds));
await pipeline.CloseAsync();
Console.WriteLine("pipeline archived");
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
