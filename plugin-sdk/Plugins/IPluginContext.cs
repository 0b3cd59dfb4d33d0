using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Plugins;

/// <summary>What the node runtime gives a running plugin instance.</summary>
public interface IPluginContext : IRuntimeContext
{
    /// <summary>The pipeline of the instance.</summary>
    string Pipeline { get; }

    /// <summary>The instance's plugin signature.</summary>
    string Signature { get; }

    /// <summary>The instance id.</summary>
    string InstanceId { get; }

    /// <summary>The effective config: the plugin's defaults overlaid with the instance's keys.</summary>
    ConfigMap Config { get; }

    /// <summary>How many times <see cref="BusinessPlugin.ProcessAsync"/> has run since the instance started.</summary>
    long ExecutionCount { get; }

    /// <summary>
    /// Sends a payload from this instance. Keys are upper-cased as Ratio1 payloads; the envelope (node, pipeline,
    /// signature, instance, sequence, timestamp, initiator) is added by the runtime.
    /// </summary>
    void EmitPayload(ConfigMap data);

    /// <summary>Sends a notification from this instance (business codes: 500..899).</summary>
    void Notify(NotificationType type, NotificationCode code, string message, string? info = null);

    /// <summary>
    /// What the instance's <c>AI_ENGINE</c> model(s) made of this execution's inputs, by model name: one result per
    /// input, in the order of the inputs (Ratio1's <c>INFERENCES</c>). The runtime runs them before
    /// <see cref="BusinessPlugin.ProcessAsync"/>, batched with every other request to the model on the node, with the
    /// instance's <c>INFERENCE_AI_ENGINE_PARAMS</c>. Empty when the instance names no <c>AI_ENGINE</c>.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<InferenceResult>> Inferences { get; }

    /// <summary>Runs one item through a model of the node directly (batched with the node's other requests to it).</summary>
    Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap? parameters = null, CancellationToken cancellationToken = default);
}
