using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Commands;

/// <summary>
/// An <c>INSTANCE_COMMAND</c>: data for one instance's <c>OnCommand</c>, delivered without reconfiguring it. The node
/// confirms it with <c>PLUGIN_INSTANCE_COMMAND_OK</c> (or <c>_FAILED</c>) carrying <see cref="CommandId"/>.
/// </summary>
/// <param name="Data">The command's data (Ratio1: the command itself, a string or an object).</param>
/// <param name="Parameters">Ratio1's <c>COMMAND_PARAMS</c>.</param>
[GenerateSerializer, Immutable, Alias("r1.instance-command")]
public sealed record InstanceCommand(
    [property: Id(0)] Guid CommandId,
    [property: Id(1)] string Pipeline,
    [property: Id(2)] string Signature,
    [property: Id(3)] string InstanceId,
    [property: Id(4)] ConfigValue Data,
    [property: Id(5)] ConfigMap Parameters,
    [property: Id(6)] string InitiatorId,
    [property: Id(7)] string? SessionId);
