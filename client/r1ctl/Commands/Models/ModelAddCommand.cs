using System.CommandLine;
using System.Globalization;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Cli.Commands.Models;

/// <summary>
/// <c>r1ctl models add &lt;node&gt; &lt;name&gt; &lt;path.onnx&gt;</c>: the node loads the file from its own disk, warms it up,
/// and serves it under the name (replacing the model of that name once the new one serves). Refused with the field
/// at fault when it cannot be loaded; nothing changes then.
/// </summary>
internal static class ModelAddCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var name = new Argument<string>("name") { Description = "The model's name on the node (what AI_ENGINE names): lower-case letters, digits, '.', '-', '_'." };
        var path = new Argument<string>("path") { Description = "The .onnx file, as a path on the node's machine." };
        var version = new Option<string>("--version") { Description = "The model's version.", DefaultValueFactory = _ => "1" };
        var profile = new Option<string>("--profile")
        {
            Description = "raw (tensors in and out), image-classification or object-detection.",
            DefaultValueFactory = _ => "raw",
        };
        var provider = new Option<string>("--provider")
        {
            Description = "auto (TensorRT, then CUDA, then CPU), cpu, cuda or tensorrt; a GPU the node lacks falls back to CPU with the reason reported.",
            DefaultValueFactory = _ => "auto",
        };
        var device = new Option<int>("--device") { Description = "GPU device id." };
        var labels = new Option<string?>("--labels") { Description = "Class names by index, comma-separated, or @file with one per line." };
        var maxBatch = new Option<int?>("--max-batch") { Description = "Most items one model run takes (1: no batching). Default 32." };
        var maxDelay = new Option<int?>("--max-delay-us") { Description = "Microseconds the first waiting item may wait for others to join its batch. Default 250." };
        var maxQueue = new Option<int?>("--max-queue") { Description = "Items that may wait before requests are refused as overloaded. Default 1024." };
        var concurrency = new Option<int?>("--concurrency") { Description = "Batches of this model that may run at once. Default 1." };
        var intraOp = new Option<int?>("--intra-op-threads") { Description = "ONNX Runtime intra-op threads (0: its choice). Default 1." };
        var interOp = new Option<int?>("--inter-op-threads") { Description = "ONNX Runtime inter-op threads (0: its choice). Default 1." };
        var size = new Option<string?>("--image-size") { Description = "WIDTHxHEIGHT for image models whose input size is free." };
        var mean = new Option<string?>("--mean") { Description = "Per-channel means after scaling, R,G,B (e.g. 0.485,0.456,0.406)." };
        var std = new Option<string?>("--std") { Description = "Per-channel standard deviations, R,G,B (e.g. 0.229,0.224,0.225)." };
        var noSoftmax = new Option<bool>("--no-softmax") { Description = "Classification: the model already ends in a softmax." };
        var topK = new Option<int?>("--top-k") { Description = "Classification: classes reported. Default 5." };
        var score = new Option<float?>("--score-threshold") { Description = "Detection: least score of a box. Default 0.25." };
        var iou = new Option<float?>("--iou-threshold") { Description = "Detection: overlap above which the weaker box of a class is suppressed. Default 0.45." };
        var command = new Command("add", "Add a model to a node (or replace the one of that name) and show how it runs.")
        {
            node, name, path, version, profile, provider, device, labels, maxBatch, maxDelay, maxQueue, concurrency, intraOp, interOp, size, mean, std, noSoftmax, topK, score, iou,
        };
        runner.SetAction(command, async context =>
        {
            var (width, height) = ParseSize(context.Value(size));
            var batching = BatchingSettings.Default;
            var post = PostprocessSettings.Default;
            var declaration = new ModelDeclaration(
                context.Value(name),
                context.Value(version),
                context.Value(path),
                ParseProfile(context.Value(profile)),
                ParseProvider(context.Value(provider)),
                context.Value(device),
                await ReadLabelsAsync(context.Value(labels), context.CancellationToken),
                new BatchingSettings(
                    context.Value(maxBatch) ?? batching.MaxBatchSize, context.Value(maxDelay) ?? batching.MaxQueueDelayMicroseconds,
                    context.Value(maxQueue) ?? batching.MaxQueueSize, context.Value(concurrency) ?? batching.Concurrency),
                new ThreadSettings(context.Value(intraOp) ?? ThreadSettings.Default.IntraOp, context.Value(interOp) ?? ThreadSettings.Default.InterOp),
                new ImageSettings(width, height, Mean: ParseTriple("--mean", context.Value(mean)), Std: ParseTriple("--std", context.Value(std))),
                new PostprocessSettings(!context.Value(noSoftmax), context.Value(topK) ?? post.TopK, context.Value(score) ?? post.ScoreThreshold, context.Value(iou) ?? post.IouThreshold, post.MaxDetections));
            var session = await context.ConnectAsync();
            ModelStatus status;
            await using (context.Output.Progress($"adding model {declaration.Name} to node '{context.Value(node)}' (loading and warming up)"))
            {
                status = await session.AddModelAsync(context.Value(node), declaration, context.CancellationToken);
            }

            if (context.Output.Json)
            {
                context.Output.WriteJson(status);
                return;
            }

            context.Output.Line($"model {status.Name} version {status.Version} serving on {context.Value(node)}: {ModelsCommand.Provider(status)}, batches of up to {status.MaxBatchSize}");
            if (status.FallbackReason is not null)
            {
                context.Output.Line($"  {ModelsCommand.Fallback(status)}");
            }

            context.Output.Line($"  inputs:  {string.Join(", ", status.Inputs)}");
            context.Output.Line($"  outputs: {string.Join(", ", status.Outputs)}");
        });
        return command;
    }

    private static ModelProfile ParseProfile(string text) => text.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "raw" or "rawtensor" => ModelProfile.RawTensor,
        "imageclassification" or "classification" => ModelProfile.ImageClassification,
        "objectdetection" or "detection" => ModelProfile.ObjectDetection,
        _ => throw new UsageException($"--profile must be raw, image-classification or object-detection, not '{text}'."),
    };

    private static ExecutionProvider ParseProvider(string text) => text.ToLowerInvariant() switch
    {
        "auto" => ExecutionProvider.Auto,
        "cpu" => ExecutionProvider.Cpu,
        "cuda" => ExecutionProvider.Cuda,
        "tensorrt" or "trt" => ExecutionProvider.TensorRt,
        _ => throw new UsageException($"--provider must be auto, cpu, cuda or tensorrt, not '{text}'."),
    };

    private static (int? Width, int? Height) ParseSize(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var parts = text.Split('x', 'X');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var h)
            ? (w, h)
            : throw new UsageException($"--image-size must be WIDTHxHEIGHT (e.g. 224x224), not '{text}'.");
    }

    private static System.Collections.Immutable.ImmutableArray<float> ParseTriple(string option, string? text)
    {
        if (text is null)
        {
            return default;
        }

        var values = text.Split(',').Select(v => float.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : float.NaN).ToArray();
        return values.Length == 3 && values.All(float.IsFinite) ? [.. values] : throw new UsageException($"{option} must be three numbers R,G,B, not '{text}'.");
    }

    private static async Task<System.Collections.Immutable.ImmutableArray<string>> ReadLabelsAsync(string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return [];
        }

        if (!text.StartsWith('@'))
        {
            return [.. text.Split(',').Select(l => l.Trim())];
        }

        var source = $"the labels file {text[1..]}";
        var labels = StrictText.Decode(await ConfigSource.ReadBytesAsync(text[1..], source, cancellationToken), source);
        return [.. labels.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
    }
}
