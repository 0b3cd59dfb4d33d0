using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>
/// <c>r1ctl command &lt;node&gt; &lt;pipeline&gt; &lt;command&gt;</c>: sends a <c>PIPELINE_COMMAND</c> to the pipeline's capture
/// source, or with <c>--instance</c> an <c>INSTANCE_COMMAND</c> to one plugin instance, and prints the node's answer.
/// </summary>
internal static class CommandCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var data = new Argument<string>("command")
        {
            Description = "The command: a string (RESET), JSON ('{\"COMMAND\": \"RESET\"}'), or @file.",
        };
        var instance = new Option<string[]>("--instance")
        {
            Description = "Send an INSTANCE_COMMAND to this plugin instance instead of a PIPELINE_COMMAND to the capture source.",
            HelpName = "SIGNATURE INSTANCE_ID",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var signature = new Option<string?>("--signature") { Description = "With --instance-id: the instance's plugin SIGNATURE (same as --instance)." };
        var instanceId = new Option<string?>("--instance-id") { Description = "With --signature: the instance's INSTANCE_ID." };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A COMMAND_PARAMS entry (repeatable); VALUE is JSON when it parses, else a string.",
            HelpName = "KEY=VALUE",
            AllowMultipleArgumentsPerToken = false,
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the node's answer before giving up with exit code 9.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("command", "Send a command to a pipeline's capture source (PIPELINE_COMMAND) or a plugin instance (INSTANCE_COMMAND); print the node's answer.")
        {
            node, pipeline, data, instance, signature, instanceId, parameters, timeout,
        };
        runner.SetAction(command, async context =>
        {
            var target = Target(context.Value(instance), context.Value(signature), context.Value(instanceId));
            var seconds = context.Value(timeout);
            if (!(seconds > 0) || !double.IsFinite(seconds))
            {
                throw new UsageException($"--timeout must be a positive number of seconds, not {seconds}.");
            }

            var sent = await JsonOrText.ReadAsync(context.Value(data), context);
            var parameterValues = CommandParameters.Parse(context.Value(parameters) ?? []);
            var session = await context.ConnectAsync();
            Notification answer = target is (var sig, var id)
                ? await session.SendInstanceCommandAsync(context.Value(node), context.Value(pipeline), sig, id, sent, parameterValues, TimeSpan.FromSeconds(seconds), context.CancellationToken)
                : await session.SendPipelineCommandAsync(context.Value(node), context.Value(pipeline), sent, parameterValues, TimeSpan.FromSeconds(seconds), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(TrafficJson.From(answer));
                return;
            }

            context.Output.Line(TrafficText.Line(answer));
        });
        return command;
    }

    /// <summary>The instance the command is for, or null for the capture source.</summary>
    /// <exception cref="UsageException">The instance is named both ways, or only half of it is given.</exception>
    private static (string Signature, string InstanceId)? Target(string[]? instance, string? signature, string? instanceId)
    {
        if (instance is { Length: > 0 })
        {
            return signature is null && instanceId is null
                ? (instance[0], instance[1])
                : throw new UsageException("give the instance either as --instance SIGNATURE INSTANCE_ID or as --signature and --instance-id, not both.");
        }

        return (signature, instanceId) switch
        {
            (null, null) => null,
            ({ } s, { } i) => (s, i),
            _ => throw new UsageException("--signature and --instance-id go together."),
        };
    }
}
