using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// Ratio1 clients send an <c>INSTANCE_COMMAND</c> inside an <c>UPDATE_PIPELINE_INSTANCE</c> delta. It is a one-shot
/// message, not config: it is taken out of the delta (so a command alone makes no new version and does not reconfigure
/// the instance) and delivered to the instance like any command. <c>COMMAND_PARAMS</c> inside it become the command's
/// parameters, as in Ratio1.
/// </summary>
internal static class EmbeddedInstanceCommands
{
    /// <summary>The updates without their commands, and the commands to deliver (in update order).</summary>
    public static (ImmutableArray<InstanceUpdate> Updates, ImmutableArray<InstanceCommand> Commands) Split(
        ImmutableArray<InstanceUpdate> updates, string pipeline, ChangeRequest request)
    {
        if (updates.IsDefaultOrEmpty || updates.All(u => u.Delta is null || !u.Delta.ContainsKey(InstanceKeys.InstanceCommand)))
        {
            return (updates, []);
        }

        var errors = new List<ConfigError>();
        var stripped = ImmutableArray.CreateBuilder<InstanceUpdate>(updates.Length);
        var commands = ImmutableArray.CreateBuilder<InstanceCommand>();
        for (var i = 0; i < updates.Length; i++)
        {
            var update = updates[i];
            if (update.Delta?.GetValueOrDefault(InstanceKeys.InstanceCommand) is not { } command)
            {
                stripped.Add(update);
                continue;
            }

            stripped.Add(update with { Delta = update.Delta.Remove(InstanceKeys.InstanceCommand) });
            var field = (updates.Length == 1 ? string.Empty : $"[{i}].") + "INSTANCE_CONFIG." + InstanceKeys.InstanceCommand;
            // Not stored, so NUL passes; an unpaired surrogate cannot be delivered as it is.
            StorableText.CheckEncodable(command, field, errors);
            switch (command.Kind)
            {
                case ConfigValueKind.Null:
                case ConfigValueKind.Object when command.Fields.Count == 0:
                    // Ratio1 clears a consumed command with {}; there is nothing to deliver.
                    break;
                case ConfigValueKind.String or ConfigValueKind.Array:
                    commands.Add(new InstanceCommand(Guid.NewGuid(), pipeline, update.Signature, update.InstanceId, command, ConfigMap.Empty, request.InitiatorId, request.SessionId));
                    break;
                case ConfigValueKind.Object:
                    var before = errors.Count;
                    CommandForm.Check(command, field, errors);
                    if (errors.Count > before)
                    {
                        break;
                    }

                    // The same shape as a command sent beside its parameters (r1ctl command --param, SendInstanceCommandAsync).
                    var (data, normalized) = CommandForm.Normalize(command, ConfigMap.Empty);
                    commands.Add(new InstanceCommand(Guid.NewGuid(), pipeline, update.Signature, update.InstanceId, data, normalized, request.InitiatorId, request.SessionId));
                    break;
                default:
                    errors.Add(new ConfigError(field, ConfigJson.Shorten(command.ToJson()), "expected a command: a string or an object"));
                    break;
            }
        }

        return errors.Count == 0 ? (stripped.MoveToImmutable(), commands.ToImmutable()) : throw new InvalidConfigException(errors);
    }
}
