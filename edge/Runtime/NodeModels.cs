using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Serving.Engine;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// The models the node serves: at start, those of its settings (<c>Serving:Models</c>) and those clients added (stored
/// with its node grain); later, those clients add or remove. Each load is reported as Ratio1's
/// <c>SERVING_START_OK</c> / <c>SERVING_START_FAILED</c>.
/// </summary>
public sealed class NodeModels(ServingEngine serving, IOptions<ServingOptions> options, IOptions<NodeOptions> node, TrafficPublisher traffic, IGrainFactory grains)
{
    private readonly string _nodeId = node.Value.ResolveId();

    /// <summary>The node's serving engine (what its instances infer with).</summary>
    public ServingEngine Engine => serving;

    /// <summary>Loads every model of the node's settings and every one a client added (a setting wins over an added model of the same name).</summary>
    public async Task LoadAtStartAsync(CancellationToken cancellationToken)
    {
        var added = await grains.GetNode(_nodeId).GetModelDeclarationsAsync(cancellationToken);
        var configured = options.Value.Models;
        var declared = configured.Select(m => (m.ToDeclaration(Directory.GetCurrentDirectory()), ModelSource.Config));
        await serving.LoadAllAsync(declared.Concat(added.Where(a => configured.All(m => m.Name != a.Name)).Select(a => (a, ModelSource.Registry))), cancellationToken);
        foreach (var model in serving.Statuses())
        {
            Report(model);
        }
    }

    /// <summary>Loads (or replaces) a model a client adds; one declared in the node's settings cannot be replaced this way.</summary>
    public async Task<ModelStatus> LoadAsync(ModelDeclaration declaration, CancellationToken cancellationToken)
    {
        if (serving.StatusOf(declaration.Name) is { Source: ModelSource.Config })
        {
            throw new InvalidConfigException("Name", $"\"{declaration.Name}\"", "is declared in the node's settings (Serving:Models); change it there or choose another name");
        }

        var status = await serving.LoadAsync(declaration, ModelSource.Registry, cancellationToken);
        Report(status);
        return status;
    }

    public Task<bool> UnloadAsync(string name, CancellationToken cancellationToken) => serving.UnloadAsync(name, cancellationToken);

    public ImmutableArray<ModelStatus> Statuses() => serving.Statuses();

    public Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap parameters, CancellationToken cancellationToken) =>
        serving.InferAsync(model, input, parameters, cancellationToken);

    // Ratio1's SERVING_START_OK / SERVING_START_FAILED: where a model runs (and why not on the GPU asked for), or why it did not load.
    private void Report(ModelStatus model)
    {
        var loaded = model.State == ModelState.Loaded;
        var device = model.Provider == ExecutionProvider.Cpu ? string.Empty : $" device {model.DeviceId}";
        var fallback = model.FallbackReason is { } why ? $" ({model.RequestedProvider} not used: {why})" : string.Empty;
        var message = loaded
            ? $"Model {model.Name} {model.Version} serving on {model.Provider}{device}, batches of up to {model.MaxBatchSize}{fallback}"
            : $"Model {model.Name} {model.Version} could not be loaded: {model.Reason}";
        traffic.Publish(new Notification(
            traffic.Envelope(_nodeId, null, null, null), loaded ? NotificationType.Normal : NotificationType.Exception,
            loaded ? NotificationCode.ServingStartOk : NotificationCode.ServingStartFailed, message, model.Path, "ServingEngine"));
    }
}
