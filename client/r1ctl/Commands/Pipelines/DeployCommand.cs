using System.CommandLine;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl deploy &lt;node&gt; &lt;file&gt;</c>: deploys a Ratio1 pipeline JSON document as is (<c>UPDATE_CONFIG</c>).</summary>
internal static class DeployCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var file = new Argument<string>("file") { Description = "Ratio1 pipeline JSON file, or - for stdin." };
        var ifVersion = SharedSymbols.IfVersion();
        var replace = new Option<bool>("--replace")
        {
            Description = "Make the pipeline exactly the document (keys it lacks are removed) instead of merging top-level keys into it.",
        };
        var command = new Command("deploy", "Deploy a Ratio1 pipeline JSON document: create the pipeline or update it.") { node, file, ifVersion, replace };
        runner.SetAction(command, async context =>
        {
            var json = await ConfigSource.ReadTextAsync(context.Value(file), context);

            // Malformed JSON is reported (with its line and position) before any connection attempt.
            var document = ConfigJson.ParseObject(json);
            var session = await context.ConnectAsync();
            DeployOutcome outcome;
            await using (context.Output.Progress($"deploying to node '{context.Value(node)}'"))
            {
                outcome = await session.DeployPipelineDocumentAsync(context.Value(node), document, context.Value(ifVersion), context.Value(replace), context.CancellationToken);
            }

            if (context.Output.Json)
            {
                context.Output.WriteJson(outcome);
                return;
            }

            OutcomeText.Write(context.Output, outcome);
        });
        return command;
    }
}
