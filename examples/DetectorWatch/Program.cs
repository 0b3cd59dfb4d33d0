using System.Globalization;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Onnx;
using Ratio1.Orleans.Serving.Processing;

// End-to-end inference example. With a silo running on this machine (`dotnet run --project silo`), run:
//   dotnet run --project examples/DetectorWatch -- [--node <node id>] [--gateway 127.0.0.1:30000] [--seconds 20] [--provider auto|cpu|cuda]
// It writes the sample colour detector (an ONNX model built in code) and 12 frames of a red square crossing a
// picture past a fixed blue one, adds the detector to the node, asks it about one frame (request/response), then
// deploys an ImageFolder pipeline replaying the frames through OBJECT_DETECTOR_01 and prints what the node finds,
// until the time is up; finally it archives the pipeline, prints the model's statistics and removes the model.
var gateway = Option("--gateway") ?? "127.0.0.1:30000";
var seconds = int.Parse(Option("--seconds") ?? "20", CultureInfo.InvariantCulture);
var provider = Enum.Parse<ExecutionProvider>(Option("--provider") ?? "auto", ignoreCase: true);
var folder = Path.Combine(Path.GetTempPath(), "r1-detector-watch");
var frames = Path.Combine(folder, "frames");
Directory.CreateDirectory(frames);
var modelPath = Path.Combine(folder, "color-detector.onnx");
SampleModels.GridDetector().Save(modelPath);
var pictures = Enumerable.Range(0, 12).Select(Frame).ToArray();
for (var i = 0; i < pictures.Length; i++)
{
    await File.WriteAllBytesAsync(Path.Combine(frames, $"frame-{i:D2}.png"), PngEncoder.Encode(Size, Size, pictures[i].Rgb24));
}

await using var session = await Ratio1Session.ConnectAsync(new Ratio1SessionOptions { Gateways = [gateway], ClientName = "detector-watch" });
var node = Option("--node") ?? (await session.GetNodesAsync()).FirstOrDefault(n => n.IsOnline)?.NodeId
    ?? throw new InvalidOperationException("No node is online: start one with `dotnet run --project silo`.");
await session.WaitForNodeAsync(node, TimeSpan.FromSeconds(30));

var model = await session.AddModelAsync(node, new ModelDeclaration(
    "color-detector", "1", modelPath, ModelProfile.ObjectDetection, provider, Labels: [.. GridDetectorModel.Labels]));
Console.WriteLine($"node {node} serves {model.Name} on {model.Provider}{(model.FallbackReason is { } why ? $" ({model.RequestedProvider} not used: {why})" : string.Empty)}");

var answer = await session.InferAsync(node, model.Name, InferenceInput.FromImage(pictures[3]));
Console.WriteLine($"request/response on frame 3 ({answer.InferenceMicroseconds:0} us in the model): " +
                  string.Join(", ", answer.Detections.Select(d => $"{d.Label} {d.Score:0.00} at [{d.Left:0},{d.Top:0},{d.Right:0},{d.Bottom:0}]")));

var pipeline = await session.CreateOrAttachToPipelineAsync(node, "detector-watch", "ImageFolder");
pipeline.UpdateCaptureConfig(new Dictionary<string, object?> { ["URL"] = frames, ["CAP_RESOLUTION"] = 4, ["REPLAY"] = true });
foreach (var instance in pipeline.Instances.ToList())
{
    pipeline.RemovePluginInstance(instance.Signature, instance.InstanceId);
}

pipeline.CreatePluginInstance("OBJECT_DETECTOR_01", "colours", new Dictionary<string, object?>
{
    ["AI_ENGINE"] = model.Name,
    ["MAX_INPUTS_QUEUE_SIZE"] = 8,
    ["INFERENCE_AI_ENGINE_PARAMS"] = new Dictionary<string, object?> { ["SCORE_THRESHOLD"] = 0.5 },
});
await using var data = await pipeline.OnDataAsync(payload =>
{
    var objects = payload.Data["OBJECTS"].Items.Select(o => $"{o.Fields["TYPE"].AsString()} {o.Fields["PROB_PRC"].AsDouble():0.00} TLBR {o.Fields["TLBR"].ToJson()}");
    Console.WriteLine($"{payload.Envelope.Timestamp:HH:mm:ss.f} frame {payload.Data["FRAME_INDEX"]}: {string.Join("; ", objects)} (batch of {payload.Data["BATCH_SIZE"]})");
});

var outcome = await pipeline.DeployAsync();
Console.WriteLine($"deployed version {outcome.Version}; watching for {seconds} s");
await Task.Delay(TimeSpan.FromSeconds(seconds));
await pipeline.CloseAsync();

var stats = (await session.GetModelsAsync(node)).Single(m => m.Name == model.Name).Stats;
Console.WriteLine($"pipeline archived; the model served {stats.Completed} items in {stats.Batches} batches, p50 {stats.InferenceP50Microseconds:0} us in the model");
await session.RemoveModelAsync(node, model.Name);
return 0;

// A black picture with a fixed blue square and a red one that moves one grid cell per frame along a row.
static InferenceImage Frame(int index)
{
    var pixels = new byte[Size * Size * 3];
    Square(pixels, 6, 1, (0, 0, 255));
    Square(pixels, index % 8, 5, (255, 0, 0));
    return new InferenceImage(Size, Size, pixels);
}

static void Square(byte[] pixels, int cellX, int cellY, (byte R, byte G, byte B) colour)
{
    for (var y = cellY * GridDetectorModel.CellSize; y < (cellY + 1) * GridDetectorModel.CellSize; y++)
    {
        for (var x = cellX * GridDetectorModel.CellSize; x < (cellX + 1) * GridDetectorModel.CellSize; x++)
        {
            var i = ((y * Size) + x) * 3;
            (pixels[i], pixels[i + 1], pixels[i + 2]) = colour;
        }
    }
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

internal static partial class Program
{
    private const int Size = GridDetectorModel.ImageSize;
}
