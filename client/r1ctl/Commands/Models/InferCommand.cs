using System.CommandLine;
using System.Globalization;
using Ratio1.Orleans.Cli.Commands.Traffic;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Cli.Commands.Models;

/// <summary>
/// <c>r1ctl infer &lt;node&gt; &lt;model&gt; (&lt;tensors&gt; | --image file)</c>: request/response inference on a node's model,
/// batched on the node with its other requests. Tensors are JSON: nested lists for a single-input model, or an object
/// of them by input name. Images (PNG, JPEG, BMP) are decoded here, in managed code, to 8-bit RGB.
/// </summary>
internal static class InferCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var model = new Argument<string>("model") { Description = "The model's name on the node." };
        var tensors = new Argument<string?>("tensors")
        {
            Description = "Input tensors as JSON ([[1,2,3]] or {\"x\": [[1,2,3]]}), @file, or - for stdin. Leave out with --image.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var image = new Option<string?>("--image") { Description = "A PNG, JPEG or BMP file to infer on (decoded here to 8-bit RGB)." };
        var parameters = new Option<string?>("--params") { Description = "INFERENCE_AI_ENGINE_PARAMS as JSON, e.g. {\"TOP_K\": 3}." };
        var command = new Command("infer", "Run one input through a model of a node and print the result.") { node, model, tensors, image, parameters };
        runner.SetAction(command, async context =>
        {
            var input = await ReadInputAsync(context.Value(tensors), context.Value(image), context);
            var extra = ReadParameters(context.Value(parameters));
            var session = await context.ConnectAsync();
            var result = await session.InferAsync(context.Value(node), context.Value(model), input, extra, context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(result);
                return;
            }

            context.Output.Line($"{result.Model} {result.Version} on {ModelsCommand.ProviderName(result.Provider)}: batch of {result.BatchSize}, queued {result.QueueMicroseconds:0} us, ran {result.InferenceMicroseconds:0} us");
            foreach (var c in result.Classes)
            {
                context.Output.Line($"  {c.Label,-20} {c.Score.ToString("0.0000", CultureInfo.InvariantCulture)}");
            }

            foreach (var d in result.Detections)
            {
                context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"  {d.Label,-12} {d.Score:0.000}  left {d.Left:0} top {d.Top:0} right {d.Right:0} bottom {d.Bottom:0}"));
            }

            if (result.Classes.IsEmpty && result.Detections.IsEmpty)
            {
                // A detector that found nothing returns its raw rows too: thousands of numbers that say less than this line.
                var served = await session.GetModelsAsync(context.Value(node), context.CancellationToken);
                if (served.FirstOrDefault(m => m.Name == result.Model)?.Profile is ModelProfile.ObjectDetection)
                {
                    context.Output.Line("  no objects found");
                    return;
                }

                foreach (var output in result.Outputs)
                {
                    context.Output.Line($"  {output.Name} [{string.Join(",", output.Shape)}]: {TensorValues.ToValue(output).ToJson()}");
                }
            }
        });
        return command;
    }

    // Keys are upper-cased as the other commands' parameters are: the node reads TOP_K, and would silently ignore top_k.
    private static Dictionary<string, object?> ReadParameters(string? json)
    {
        var value = json is null ? ConfigValue.FromObject(ConfigMap.Empty) : JsonOrText.Parse(json);
        if (value.Kind != ConfigValueKind.Object)
        {
            throw new UsageException($"--params must be a JSON object, not {value.ToJson()}.");
        }

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, field) in value.Fields)
        {
            if (!parameters.TryAdd(key.ToUpperInvariant(), field))
            {
                throw new UsageException($"--params gives {key.ToUpperInvariant()} more than once.");
            }
        }

        return parameters;
    }

    private static async Task<InferenceInput> ReadInputAsync(string? tensors, string? image, CommandContext context)
    {
        if ((tensors is null) == (image is null))
        {
            throw new UsageException("give either input tensors or --image.");
        }

        if (image is not null)
        {
            return InferenceInput.FromImage(await ImageFile.DecodeAsync(image, context.CancellationToken));
        }

        var value = await JsonOrText.ReadAsync(tensors == "-" ? "@-" : tensors!, context);
        return value.Kind switch
        {
            ConfigValueKind.Array => new InferenceInput([TensorValues.From(string.Empty, value, "tensors")]),
            ConfigValueKind.Object => new InferenceInput([.. value.Fields.Select(f => TensorValues.From(f.Key, f.Value, $"tensors.{f.Key}"))]),
            _ => throw new UsageException($"tensors must be a JSON list or an object of lists by input name, not {value.ToJson()}."),
        };
    }
}
