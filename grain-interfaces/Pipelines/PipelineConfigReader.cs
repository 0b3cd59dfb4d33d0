using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// Validates Ratio1 pipeline documents into <see cref="PipelineConfig"/>. Every problem is collected and reported at
/// once in an <see cref="InvalidConfigException"/> whose errors name the field path and the offending value. Text that
/// storage cannot hold (<see cref="StorableText"/>), in any key or value, is refused before anything else is said about
/// its field.
/// </summary>
public static class PipelineConfigReader
{
    /// <summary>Reads and validates a whole pipeline document.</summary>
    public static PipelineConfig Read(ConfigMap document) => Read(document, applyRules: true);

    /// <summary>
    /// Reads a document that was validated when it was stored: only its structure is checked, so tightening a value
    /// rule later never makes an existing pipeline unreadable.
    /// </summary>
    public static PipelineConfig ReadStored(ConfigMap document) => Read(document, applyRules: false);

    private static PipelineConfig Read(ConfigMap document, bool applyRules)
    {
        var errors = new List<ConfigError>();
        var ruleErrors = applyRules ? errors : [];
        var textErrors = new List<ConfigError>();
        if (applyRules)
        {
            // What the node maintains itself is dropped, so it is never stored.
            StorableText.CheckMap(document.RemoveRange(PipelineKeys.ServerMaintained), string.Empty, textErrors);
        }

        var name = ReadIdentifier(document, PipelineKeys.Name, Identifiers.CheckPipelineName, errors);
        var type = ReadRequiredString(document, PipelineKeys.Type, errors);

        var settings = document.RemoveRange([PipelineKeys.Name, PipelineKeys.Type, PipelineKeys.Plugins, .. PipelineKeys.ServerMaintained]);
        PipelineKeys.Rules.Validate(settings, string.Empty, ruleErrors);

        var plugins = ReadPlugins(document.GetValueOrDefault(PipelineKeys.Plugins), errors, ruleErrors);

        if (errors.Count > 0 || textErrors.Count > 0)
        {
            throw new InvalidConfigException(TextFirst(textErrors, errors));
        }

        return new PipelineConfig(name!, type!, settings, plugins);
    }

    /// <summary>Validates one instance's keys; paths start with <paramref name="prefix"/>.</summary>
    public static void ValidateInstance(ConfigMap settings, string prefix, ICollection<ConfigError> errors) =>
        InstanceKeys.Rules.Validate(settings, prefix, errors);

    internal static PipelineConfig ApplyInstanceDelta(PipelineConfig config, string signature, string instanceId, ConfigMap delta, string prefix)
    {
        var sig = Identifiers.NormalizeSignature(signature);
        var pluginIndex = config.Plugins.IndexOf(config.Plugins.FirstOrDefault(p => p.Signature == sig)!);
        var plugin = pluginIndex >= 0 ? config.Plugins[pluginIndex] : null;
        var instance = plugin?.FindInstance(instanceId);
        if (plugin is null || instance is null)
        {
            throw new InvalidConfigException(
                "INSTANCE_ID", System.Text.Json.JsonSerializer.Serialize(instanceId),
                plugin is null
                    ? $"pipeline '{config.Name}' has no plugin '{sig}'"
                    : $"plugin '{sig}' of pipeline '{config.Name}' has no instance '{instanceId}'");
        }

        if (delta.GetValueOrDefault(InstanceKeys.InstanceId) is { } newId && !(newId.Kind == ConfigValueKind.String && newId.AsString() == instanceId))
        {
            throw new InvalidConfigException(prefix + InstanceKeys.InstanceId, newId.ToJson(), $"INSTANCE_ID cannot change (it is \"{instanceId}\")");
        }

        var merged = ConfigDelta.Apply(instance.Settings, delta.Remove(InstanceKeys.InstanceId), prefix);
        var textErrors = new List<ConfigError>();
        StorableText.CheckMap(merged, prefix, textErrors);
        var errors = new List<ConfigError>();
        ValidateInstance(merged, prefix, errors);
        if (errors.Count > 0 || textErrors.Count > 0)
        {
            throw new InvalidConfigException(TextFirst(textErrors, errors));
        }

        var instances = plugin.Instances.Replace(instance, new InstanceConfig(instanceId, merged));
        return new PipelineConfig(config.Name, config.Type, config.Settings,
            config.Plugins.SetItem(pluginIndex, new PluginConfig(plugin.Signature, instances, plugin.Settings)));
    }

    // A field whose text storage cannot hold is reported for that alone: what other checks say about it is noise.
    private static IEnumerable<ConfigError> TextFirst(List<ConfigError> textErrors, List<ConfigError> errors)
    {
        var fields = textErrors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        return textErrors.Concat(errors.Where(e => !fields.Contains(e.Field)));
    }

    private static ImmutableArray<PluginConfig> ReadPlugins(ConfigValue? value, List<ConfigError> errors, List<ConfigError> ruleErrors)
    {
        if (value is null || value.IsNull)
        {
            return [];
        }

        if (value.Kind != ConfigValueKind.Array)
        {
            errors.Add(new ConfigError(PipelineKeys.Plugins, ConfigJson.Shorten(value.ToJson()), $"expected a list of plugin blocks but found a {ConfigValue.KindName(value.Kind)}"));
            return [];
        }

        var plugins = ImmutableArray.CreateBuilder<PluginConfig>();
        var seenSignatures = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < value.Items.Length; p++)
        {
            var path = $"{PipelineKeys.Plugins}[{p}]";
            var block = value.Items[p];
            if (block.Kind != ConfigValueKind.Object)
            {
                errors.Add(new ConfigError(path, ConfigJson.Shorten(block.ToJson()), $"expected a plugin block object but found a {ConfigValue.KindName(block.Kind)}"));
                continue;
            }

            var signature = ReadSignature(block.Fields, path, errors);
            if (signature is not null)
            {
                if (seenSignatures.TryGetValue(signature, out var first))
                {
                    errors.Add(new ConfigError($"{path}.{PluginBlockKeys.Signature}", $"\"{signature}\"",
                        $"plugin '{signature}' already has a block at {PipelineKeys.Plugins}[{first}]; put all its instances in one block"));
                    signature = null;
                }
                else
                {
                    seenSignatures[signature] = p;
                }
            }

            var instances = ReadInstances(block.Fields.GetValueOrDefault(PluginBlockKeys.Instances), path, errors, ruleErrors);
            if (signature is not null)
            {
                plugins.Add(new PluginConfig(signature, instances,
                    block.Fields.RemoveRange([PluginBlockKeys.Signature, PluginBlockKeys.Instances])));
            }
        }

        return plugins.ToImmutable();
    }

    private static string? ReadSignature(ConfigMap block, string path, List<ConfigError> errors)
    {
        var field = $"{path}.{PluginBlockKeys.Signature}";
        switch (block.GetValueOrDefault(PluginBlockKeys.Signature))
        {
            case null:
                errors.Add(new ConfigError(field, null, "is required: every plugin block names its plugin"));
                return null;
            case { Kind: ConfigValueKind.String } text:
                var normalized = Identifiers.NormalizeSignature(text.AsString());
                if (Identifiers.CheckSignature(normalized) is { } problem)
                {
                    errors.Add(new ConfigError(field, text.ToJson(), problem));
                    return null;
                }

                return normalized;
            case var other:
                errors.Add(new ConfigError(field, ConfigJson.Shorten(other.ToJson()), $"expected a string but found a {ConfigValue.KindName(other.Kind)}"));
                return null;
        }
    }

    private static ImmutableArray<InstanceConfig> ReadInstances(ConfigValue? value, string path, List<ConfigError> errors, List<ConfigError> ruleErrors)
    {
        var field = $"{path}.{PluginBlockKeys.Instances}";
        if (value is null)
        {
            errors.Add(new ConfigError(field, null, "is required: a plugin block lists at least one instance"));
            return [];
        }

        if (value.Kind != ConfigValueKind.Array)
        {
            errors.Add(new ConfigError(field, ConfigJson.Shorten(value.ToJson()), $"expected a list of instances but found a {ConfigValue.KindName(value.Kind)}"));
            return [];
        }

        if (value.Items.Length == 0)
        {
            errors.Add(new ConfigError(field, "[]", "must list at least one instance"));
            return [];
        }

        var instances = ImmutableArray.CreateBuilder<InstanceConfig>();
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < value.Items.Length; i++)
        {
            var instancePath = $"{field}[{i}]";
            var item = value.Items[i];
            if (item.Kind != ConfigValueKind.Object)
            {
                errors.Add(new ConfigError(instancePath, ConfigJson.Shorten(item.ToJson()), $"expected an instance object but found a {ConfigValue.KindName(item.Kind)}"));
                continue;
            }

            var id = ReadIdentifier(item.Fields, InstanceKeys.InstanceId, Identifiers.CheckInstanceId, errors, instancePath + ".");
            if (id is not null)
            {
                if (seenIds.TryGetValue(id, out var first))
                {
                    errors.Add(new ConfigError($"{instancePath}.{InstanceKeys.InstanceId}", $"\"{id}\"", $"duplicate instance id; already used by {field}[{first}]"));
                    id = null;
                }
                else
                {
                    seenIds[id] = i;
                }
            }

            var settings = item.Fields.Remove(InstanceKeys.InstanceId);
            ValidateInstance(settings, instancePath + ".", ruleErrors);
            if (id is not null)
            {
                instances.Add(new InstanceConfig(id, settings));
            }
        }

        return instances.ToImmutable();
    }

    private static string? ReadIdentifier(ConfigMap map, string key, Func<string?, string?> check, List<ConfigError> errors, string prefix = "")
    {
        var field = prefix + key;
        switch (map.GetValueOrDefault(key))
        {
            case null:
                errors.Add(new ConfigError(field, null, "is required"));
                return null;
            case { Kind: ConfigValueKind.String } text:
                if (check(text.AsString()) is { } problem)
                {
                    errors.Add(new ConfigError(field, text.ToJson(), problem));
                    return null;
                }

                return text.AsString();
            case var other:
                errors.Add(new ConfigError(field, ConfigJson.Shorten(other.ToJson()), $"expected a string but found a {ConfigValue.KindName(other.Kind)}"));
                return null;
        }
    }

    private static string? ReadRequiredString(ConfigMap map, string key, List<ConfigError> errors)
    {
        switch (map.GetValueOrDefault(key))
        {
            case null:
                errors.Add(new ConfigError(key, null, "is required"));
                return null;
            case { Kind: ConfigValueKind.String } text when text.AsString().Trim().Length > 0:
                return text.AsString().Trim();
            case { Kind: ConfigValueKind.String } empty:
                errors.Add(new ConfigError(key, empty.ToJson(), "must not be empty"));
                return null;
            case var other:
                errors.Add(new ConfigError(key, ConfigJson.Shorten(other.ToJson()), $"expected a string but found a {ConfigValue.KindName(other.Kind)}"));
                return null;
        }
    }
}
