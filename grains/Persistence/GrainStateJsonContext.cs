using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Pipelines;
using Ratio1.Orleans.Grains.PluginInstances;
using Ratio1.Orleans.Grains.Security;

namespace Ratio1.Orleans.Grains.Persistence;

/// <summary>JSON shapes of every stored grain state and history record (source-generated; configs are stored in their Ratio1 JSON form).</summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(PipelineConfigJsonConverter), typeof(ConfigMapJsonConverter), typeof(ConfigValueJsonConverter)])]
[JsonSerializable(typeof(PipelineState))]
[JsonSerializable(typeof(PipelineRevisionRecord))]
[JsonSerializable(typeof(NodeState))]
[JsonSerializable(typeof(FleetState))]
[JsonSerializable(typeof(PluginInstanceRecord))]
[JsonSerializable(typeof(AccessState))]
public sealed partial class GrainStateJsonContext : JsonSerializerContext;
