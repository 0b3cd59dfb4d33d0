using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// Config of one plugin instance: its <c>INSTANCE_ID</c> plus every other key as written (common keys such as
/// <c>PROCESS_DELAY</c> and the plugin's own keys). Typed accessors read the common keys with Ratio1's defaults.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.instance-config")]
public sealed record InstanceConfig
{
    public InstanceConfig(string instanceId, ConfigMap? settings = null)
    {
        InstanceId = instanceId;
        Settings = (settings ?? ConfigMap.Empty).Remove(InstanceKeys.InstanceId);
    }

    [Id(0)] public string InstanceId { get; }

    /// <summary>Every key but <c>INSTANCE_ID</c>, in document order.</summary>
    [Id(1)] public ConfigMap Settings { get; }

    /// <summary>Minimum seconds between two executions (<c>PROCESS_DELAY</c>, default 0).</summary>
    public double ProcessDelay => Number(InstanceKeys.ProcessDelay) ?? 0;

    /// <summary><c>ALLOW_EMPTY_INPUTS</c> (default false).</summary>
    public bool AllowEmptyInputs => Flag(InstanceKeys.AllowEmptyInputs);

    /// <summary><c>DISABLED</c> (default false).</summary>
    public bool Disabled => Flag(InstanceKeys.Disabled);

    /// <summary><c>FORCED_PAUSE</c> (default false).</summary>
    public bool ForcedPause => Flag(InstanceKeys.ForcedPause);

    /// <summary><c>MAX_INPUTS_QUEUE_SIZE</c> (default 1: only the latest input is kept).</summary>
    public int MaxInputsQueueSize => (int)(Number(InstanceKeys.MaxInputsQueueSize) ?? 1);

    /// <summary><c>WORKING_HOURS</c> as written, or null when absent (always working).</summary>
    public ConfigValue? WorkingHours => Settings.GetValueOrDefault(InstanceKeys.WorkingHours);

    /// <summary>The pending <c>INSTANCE_COMMAND</c>, or null when there is none.</summary>
    public ConfigValue? InstanceCommand => Settings.GetValueOrDefault(InstanceKeys.InstanceCommand) is { IsNull: false } command && !IsEmptyObject(command) ? command : null;

    /// <summary>Models named by <c>AI_ENGINE</c> (a string or a list of strings), each once; empty names are ignored.</summary>
    public ImmutableArray<string> AiEngines => Settings.GetValueOrDefault(InstanceKeys.AiEngine) switch
    {
        { Kind: ConfigValueKind.String } one when one.AsString().Length > 0 => [one.AsString()],
        { Kind: ConfigValueKind.Array } many => [.. many.Items.Where(i => i.Kind == ConfigValueKind.String).Select(i => i.AsString()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)],
        _ => [],
    };

    /// <summary>The <c>INFERENCE_AI_ENGINE_PARAMS</c> object (empty when not set).</summary>
    public ConfigMap InferenceParameters =>
        Settings.GetValueOrDefault(InstanceKeys.InferenceAiEngineParams) is { Kind: ConfigValueKind.Object } parameters ? parameters.Fields : ConfigMap.Empty;

    /// <summary>The instance as a Ratio1 JSON object: <c>INSTANCE_ID</c> first, then its keys.</summary>
    public ConfigMap ToMap() => ConfigMap.Empty.SetItem(InstanceKeys.InstanceId, InstanceId).SetItems(Settings);

    public bool Equals(InstanceConfig? other) =>
        other is not null && InstanceId == other.InstanceId && Settings.Equals(other.Settings);

    public override int GetHashCode() => HashCode.Combine(InstanceId, Settings);

    private double? Number(string key) => Settings.GetValueOrDefault(key) is { Kind: ConfigValueKind.Number } n ? n.AsDouble() : null;

    private bool Flag(string key) => Settings.GetValueOrDefault(key) is { Kind: ConfigValueKind.Boolean } b && b.AsBoolean();

    private static bool IsEmptyObject(ConfigValue value) => value.Kind == ConfigValueKind.Object && value.Fields.Count == 0;
}
