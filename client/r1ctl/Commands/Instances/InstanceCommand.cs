using System.CommandLine;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Cli.Commands.Instances;

/// <summary><c>r1ctl instance ...</c>: one plugin instance's config, versions and last reported status.</summary>
internal static class InstanceCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var signature = SharedSymbols.Signature();
        var instanceId = SharedSymbols.InstanceId();
        var command = new Command("instance", "Show one plugin instance: config, version and status.") { node, pipeline, signature, instanceId };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var instance = await session.GetInstanceAsync(context.Value(node), context.Value(pipeline), context.Value(signature), context.Value(instanceId), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(new
                {
                    node = instance.Node,
                    pipeline = instance.Pipeline,
                    signature = instance.Signature,
                    instanceId = instance.InstanceId,
                    version = instance.Version,
                    pipelineVersion = instance.PipelineVersion,
                    config = instance.Config.ToMap(),
                    status = instance.Status,
                });
                return;
            }

            List<(string, string)> fields =
            [
                ("instance", $"{instance.Signature} {instance.InstanceId}"),
                ("pipeline", $"'{instance.Pipeline}' on {instance.Node}"),
                ("version", instance.Version.ToString()),
                ("pipeline version", instance.PipelineVersion.ToString()),
                ("status", Describe(instance.Status, instance.Version)),
            ];
            if (instance.Status?.LastError is { } error)
            {
                fields.Add(("last error", $"{error} ({Timestamps.Format(instance.Status.LastErrorAt)})"));
            }

            context.Output.WriteFields([.. fields]);
            context.Output.Line("config:");
            context.Output.Line(instance.Config.ToMap().ToJson(indented: true));
        });
        return command;
    }

    private static string Describe(PluginInstanceStatus? status, int currentVersion) => status is null
        ? "not reported yet"
        : $"{Word(status.State)}, config version {status.ConfigVersion} {(status.ConfigVersion == currentVersion ? "(current)" : $"(version {currentVersion} not applied yet)")}" +
          $" (reported {Timestamps.Format(status.ReportedAt)}, {status.ExecutionCount} executions, {status.PayloadCount} payloads)";

    // The words docs/plugins.md explains ("Instance status").
    private static string Word(PluginInstanceState state) => state switch
    {
        PluginInstanceState.OutsideWorkingHours => "outside working hours",
        _ => state.ToString().ToLowerInvariant(),
    };
}
