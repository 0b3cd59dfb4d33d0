using System.CommandLine;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl rollback &lt;node&gt; &lt;pipeline&gt; &lt;version&gt;</c>: makes an old config current again, as a new version.</summary>
internal static class RollbackCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var version = new Argument<int>("version") { Description = "The version whose config to restore." };
        var ifVersion = SharedSymbols.IfVersion();
        var command = new Command("rollback", "Restore the config of an earlier version (as a new version).") { node, pipeline, version, ifVersion };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var target = context.Value(version);
            var outcome = await session.RollbackPipelineAsync(context.Value(node), context.Value(pipeline), target, context.Value(ifVersion), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(outcome);
                return;
            }

            OutcomeText.Write(context.Output, outcome, rolledBackTo: target);
        });
        return command;
    }
}
