using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Cli.Commands.Instances;

/// <summary>
/// Reads the payload of a Ratio1 <c>BATCH_UPDATE_PIPELINE_INSTANCE</c>:
/// <c>[{"NAME": pipeline, "SIGNATURE": sig, "INSTANCE_ID": id, "INSTANCE_CONFIG": {delta}}, ...]</c>.
/// </summary>
internal static class BatchUpdateDocument
{
    public const string InstanceConfig = "INSTANCE_CONFIG";
    public const string Signature = "SIGNATURE";

    /// <exception cref="InvalidConfigException">The document is not such a list; every problem is named as <c>[i].FIELD</c>.</exception>
    public static ImmutableArray<PipelineInstanceUpdate> Parse(string json)
    {
        var document = ConfigJson.Parse(json);
        if (document.Kind != ConfigValueKind.Array)
        {
            throw new InvalidConfigException("$", ConfigJson.Shorten(document.ToJson()), $"expected a JSON list of instance updates but found a {ConfigValue.KindName(document.Kind)}");
        }

        var errors = new List<ConfigError>();
        var updates = ImmutableArray.CreateBuilder<PipelineInstanceUpdate>(document.Items.Length);
        for (var i = 0; i < document.Items.Length; i++)
        {
            var item = document.Items[i];
            if (item.Kind != ConfigValueKind.Object)
            {
                errors.Add(new ConfigError($"[{i}]", ConfigJson.Shorten(item.ToJson()), $"expected an object with {PipelineKeys.Name}, {Signature}, {InstanceKeys.InstanceId} and {InstanceConfig}"));
                continue;
            }

            var name = Read(item.Fields, i, PipelineKeys.Name, ConfigValueKind.String, errors);
            var signature = Read(item.Fields, i, Signature, ConfigValueKind.String, errors);
            var instanceId = Read(item.Fields, i, InstanceKeys.InstanceId, ConfigValueKind.String, errors);
            var delta = Read(item.Fields, i, InstanceConfig, ConfigValueKind.Object, errors);
            if (name is not null && signature is not null && instanceId is not null && delta is not null)
            {
                updates.Add(new PipelineInstanceUpdate(name.AsString(), new InstanceUpdate(signature.AsString(), instanceId.AsString(), delta.Fields)));
            }
        }

        return errors.Count > 0 ? throw new InvalidConfigException(errors) : updates.ToImmutable();
    }

    private static ConfigValue? Read(ConfigMap item, int index, string field, ConfigValueKind kind, List<ConfigError> errors)
    {
        var value = item.GetValueOrDefault(field);
        if (value is null)
        {
            errors.Add(new ConfigError($"[{index}].{field}", null, "is required"));
            return null;
        }

        if (value.Kind != kind)
        {
            errors.Add(new ConfigError($"[{index}].{field}", ConfigJson.Shorten(value.ToJson()), $"expected a {ConfigValue.KindName(kind)} but found a {ConfigValue.KindName(value.Kind)}"));
            return null;
        }

        return value;
    }

}
