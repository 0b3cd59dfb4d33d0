using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// A Ratio1 pipeline: <c>NAME</c>, capture <c>TYPE</c>, the capture settings (every other pipeline-level key, kept in
/// document order) and the <c>PLUGINS</c> fed by the capture. Build one with <see cref="Parse"/> / <see cref="FromMap"/>,
/// which validate; the <c>Apply*</c> methods return validated copies.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.pipeline-config")]
public sealed record PipelineConfig
{
    public PipelineConfig(string name, string type, ConfigMap? settings = null, ImmutableArray<PluginConfig> plugins = default)
    {
        Name = name;
        Type = type;
        Settings = settings ?? ConfigMap.Empty;
        Plugins = plugins.IsDefault ? [] : plugins;
    }

    /// <summary><c>NAME</c>: unique per node.</summary>
    [Id(0)] public string Name { get; }

    /// <summary><c>TYPE</c>: the data capture source (Void, VideoFile, NetworkListener, ...).</summary>
    [Id(1)] public string Type { get; }

    /// <summary>Every other pipeline-level key (URL, CAP_RESOLUTION, RECONNECTABLE, LIVE_FEED, capture-specific keys).</summary>
    [Id(2)] public ConfigMap Settings { get; }

    /// <summary><c>PLUGINS</c> blocks, one per signature.</summary>
    [Id(3)] public ImmutableArray<PluginConfig> Plugins { get; }

    /// <summary><c>URL</c> as text, or null.</summary>
    public string? Url => Settings.GetValueOrDefault(PipelineKeys.Url) switch
    {
        { Kind: ConfigValueKind.String } s => s.AsString(),
        { Kind: ConfigValueKind.Number } n => n.NumberLiteral,
        _ => null,
    };

    /// <summary><c>CAP_RESOLUTION</c> in Hz (default 1).</summary>
    public double CaptureResolution => Settings.GetValueOrDefault(PipelineKeys.CapResolution) is { Kind: ConfigValueKind.Number } n ? n.AsDouble() : 1;

    /// <summary><c>RECONNECTABLE</c> normalised to YES, NO or KEEPALIVE (default YES).</summary>
    public string Reconnectable => PipelineKeys.ReconnectPolicy(Settings.GetValueOrDefault(PipelineKeys.Reconnectable));

    /// <summary><c>LIVE_FEED</c> (default true).</summary>
    public bool LiveFeed => Settings.GetValueOrDefault(PipelineKeys.LiveFeed) is not { Kind: ConfigValueKind.Boolean } b || b.AsBoolean();

    /// <summary>Every instance with its signature, in document order.</summary>
    public IEnumerable<(string Signature, InstanceConfig Instance)> Instances =>
        Plugins.SelectMany(p => p.Instances.Select(i => (p.Signature, i)));

    /// <summary>Number of plugin instances.</summary>
    public int InstanceCount => Plugins.Sum(p => p.Instances.Length);

    /// <summary>Parses and validates a Ratio1 pipeline JSON document.</summary>
    public static PipelineConfig Parse(string json) => PipelineConfigReader.Read(ConfigJson.ParseObject(json));

    /// <summary>Validates a Ratio1 pipeline JSON object.</summary>
    public static PipelineConfig FromMap(ConfigMap document) => PipelineConfigReader.Read(document);

    /// <summary>The instance of <paramref name="signature"/> with <paramref name="instanceId"/>, or null.</summary>
    public InstanceConfig? FindInstance(string signature, string instanceId) =>
        Plugins.FirstOrDefault(p => p.Signature == Identifiers.NormalizeSignature(signature))?.FindInstance(instanceId);

    /// <summary>
    /// <c>UPDATE_CONFIG</c> on this pipeline: top-level keys of <paramref name="delta"/> replace ours (<c>PLUGINS</c>
    /// wholesale), dotted keys (<c>"A.B"</c>) set nested values. Returns the validated result.
    /// </summary>
    public PipelineConfig ApplyUpdate(ConfigMap delta) => FromMap(ConfigDelta.Apply(ToMap(), delta, string.Empty));

    /// <summary>
    /// <c>UPDATE_PIPELINE_INSTANCE</c>: merges <paramref name="delta"/> into one instance (dotted keys set nested
    /// values; <c>INSTANCE_ID</c> cannot change). Returns the validated result.
    /// </summary>
    /// <param name="errorPrefix">Prefix of the field paths in errors (default <c>INSTANCE_CONFIG.</c>, as in the command).</param>
    public PipelineConfig ApplyInstanceUpdate(string signature, string instanceId, ConfigMap delta, string errorPrefix = "INSTANCE_CONFIG.") =>
        PipelineConfigReader.ApplyInstanceDelta(this, signature, instanceId, delta, errorPrefix);

    /// <summary>The pipeline as a Ratio1 JSON object (NAME, TYPE, settings, PLUGINS).</summary>
    public ConfigMap ToMap() => ConfigMap.Empty
        .SetItem(PipelineKeys.Name, Name)
        .SetItem(PipelineKeys.Type, Type)
        .SetItems(Settings)
        .SetItem(PipelineKeys.Plugins, ConfigValue.FromArray(Plugins.Select(p => ConfigValue.FromObject(p.ToMap()))));

    /// <summary>Writes the Ratio1 JSON form straight to <paramref name="writer"/> (what <see cref="ToMap"/> holds, without building it).</summary>
    public void WriteTo(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(PipelineKeys.Name, Name);
        writer.WriteString(PipelineKeys.Type, Type);
        WriteFields(writer, Settings);
        writer.WritePropertyName(PipelineKeys.Plugins);
        writer.WriteStartArray();
        foreach (var plugin in Plugins)
        {
            writer.WriteStartObject();
            writer.WriteString(PluginBlockKeys.Signature, plugin.Signature);
            WriteFields(writer, plugin.Settings);
            writer.WritePropertyName(PluginBlockKeys.Instances);
            writer.WriteStartArray();
            foreach (var instance in plugin.Instances)
            {
                writer.WriteStartObject();
                writer.WriteString(InstanceKeys.InstanceId, instance.InstanceId);
                WriteFields(writer, instance.Settings);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFields(System.Text.Json.Utf8JsonWriter writer, ConfigMap fields)
    {
        foreach (var (key, value) in fields)
        {
            writer.WritePropertyName(key);
            ConfigJson.WriteValue(writer, value);
        }
    }

    /// <summary>The pipeline as Ratio1 JSON text.</summary>
    public string ToJson(bool indented = false) => ToMap().ToJson(indented);

    public bool Equals(PipelineConfig? other) =>
        other is not null && Name == other.Name && Type == other.Type && Settings.Equals(other.Settings) && Plugins.SequenceEqual(other.Plugins);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Plugins.Length);
}
