using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Plugins;
using Ratio1.Orleans.Serving.Engine;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Ratio1's serving step of an instance: each input of an execution goes through the models its <c>AI_ENGINE</c>
/// names, with its <c>INFERENCE_AI_ENGINE_PARAMS</c>. Instances of one pipeline see the same inputs; one that asks
/// the same model with the same parameters for an input another already asked about shares that request (as
/// Ratio1 serves each (stream, parameters) pair once), and all requests to a model are batched by the serving engine.
/// </summary>
internal sealed class InstanceInference(ServingEngine serving)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<InferenceResult>> None =
        ImmutableDictionary<string, IReadOnlyList<InferenceResult>>.Empty;

    private readonly ConditionalWeakTable<CaptureItem, Dictionary<string, Task<InferenceResult>>> _shared = [];

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<InferenceResult>>> RunAsync(InferencePlan plan, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        var engines = plan.Engines;
        if (engines.IsEmpty || inputs.Count == 0)
        {
            return engines.IsEmpty ? None : engines.ToDictionary(e => e, _ => (IReadOnlyList<InferenceResult>)[], StringComparer.Ordinal);
        }

        var requests = engines.ToDictionary(e => e, e => inputs.Select(i => Shared(i, e, plan.ParametersKey, plan.Parameters, cancellationToken)).ToArray(), StringComparer.Ordinal);
        await Task.WhenAll(requests.Values.SelectMany(r => r));
        return requests.ToDictionary(r => r.Key, r => (IReadOnlyList<InferenceResult>)[.. r.Value.Select(t => t.Result)], StringComparer.Ordinal);
    }

    /// <summary>The input a model takes for a captured item: its image, or tensors from its structured data.</summary>
    public static InferenceInput InputOf(CaptureItem item, string engine)
    {
        if (item.Image is { } image)
        {
            var pixels = MemoryMarshal.TryGetArray(image.Rgb24, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : image.Rgb24.ToArray();
            return InferenceInput.FromImage(new InferenceImage(image.Width, image.Height, pixels));
        }

        return item.Data switch
        {
            { Kind: ConfigValueKind.Array } array => new InferenceInput([TensorValues.From(string.Empty, array, "Data")]),
            { Kind: ConfigValueKind.Object } data => new InferenceInput([.. data.Fields
                .Where(f => f.Value.Kind is ConfigValueKind.Array or ConfigValueKind.Number)
                .Select(f => TensorValues.From(f.Key, f.Value, $"Data.{f.Key}"))]),
            _ => throw new InvalidConfigException(InstanceKeys.AiEngine, $"\"{engine}\"", "the input has neither an image nor tensor data to infer on"),
        };
    }

    private Task<InferenceResult> Shared(CaptureItem item, string engine, string parametersKey, ConfigMap parameters, CancellationToken cancellationToken)
    {
        var requests = _shared.GetOrCreateValue(item);
        lock (requests)
        {
            var key = engine + "\n" + parametersKey;
            if (!requests.TryGetValue(key, out var request))
            {
                // Not tied to one instance's token: a sibling instance may be waiting on the same request; each waits
                // with its own.
                request = serving.InferAsync(engine, InputOf(item, engine), parameters, CancellationToken.None);
                requests[key] = request;
            }

            return request.WaitAsync(cancellationToken);
        }
    }
}
