using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl history &lt;node&gt; &lt;pipeline&gt;</c>: the pipeline's versions, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var limit = new Option<int>("--limit") { Description = "Most versions to list.", HelpName = "N", DefaultValueFactory = _ => 50 };
        var before = new Option<int?>("--before") { Description = "List only versions older than this one (to page back).", HelpName = "V" };
        var command = new Command("history", "List a pipeline's versions: who changed it, when and how.") { node, pipeline, limit, before };
        runner.SetAction(command, async context =>
        {
            if (context.Value(limit) < 1)
            {
                throw new UsageException($"--limit must be at least 1, not {context.Value(limit)}.");
            }

            var session = await context.ConnectAsync();
            var history = await session.GetPipelineHistoryAsync(context.Value(node), context.Value(pipeline), context.Value(before), context.Value(limit), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(history);
                return;
            }

            var table = new Table("VERSION", "ACTION", "BY", "AT", "INSTANCES", "ARCHIVED", "NOTE");
            foreach (var revision in history)
            {
                table.AddRow(revision.Version.ToString(), revision.Action.ToRatio1Action(), revision.ChangedBy, Timestamps.Format(revision.ChangedAt),
                    revision.InstanceCount.ToString(), revision.Archived ? "yes" : "no", Note(revision));
            }

            context.Output.WriteTable(table);
        });
        return command;
    }

    private static string Note(PipelineRevisionInfo revision) =>
        string.Join("; ", new[] { revision.Comment, revision.RolledBackTo is { } v ? $"rollback to v{v}" : null }.Where(n => !string.IsNullOrEmpty(n)));
}
