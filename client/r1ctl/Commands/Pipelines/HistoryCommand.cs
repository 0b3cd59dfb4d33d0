using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl history &lt;node&gt; &lt;pipeline&gt; [--verify]</c>: the pipeline's versions, newest first, or a check of its history chain.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var limit = new Option<int>("--limit") { Description = "Most versions to list.", HelpName = "N", DefaultValueFactory = _ => 50 };
        var before = new Option<int?>("--before") { Description = "List only versions older than this one (to page back).", HelpName = "V" };
        var verify = new Option<bool>("--verify")
        {
            Description = "Check the history chain end to end (hashes, links, signatures) instead of listing it; exits 20 naming the first broken version.",
        };
        var command = new Command("history", "List a pipeline's versions: who changed it (verified signer or declared name), when and how.") { node, pipeline, limit, before, verify };
        runner.SetAction(command, async context =>
        {
            if (context.Value(verify))
            {
                await VerifyAsync(context, context.Value(node), context.Value(pipeline));
                return;
            }

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

            var table = new Table("VERSION", "ACTION", "BY", "VERIFIED", "AT", "INSTANCES", "ARCHIVED", "HASH", "NOTE");
            foreach (var revision in history)
            {
                table.AddRow(revision.Version.ToString(), revision.Action.ToRatio1Action(), revision.ChangedBy, revision.Verified ? "yes" : "no",
                    Timestamps.Format(revision.ChangedAt), revision.InstanceCount.ToString(), revision.Archived ? "yes" : "no", revision.ShortHash ?? "-", Note(revision));
            }

            context.Output.WriteTable(table);
        });
        return command;
    }

    private static async Task VerifyAsync(CommandContext context, string node, string name)
    {
        var session = await context.ConnectAsync();
        var pipeline = await session.AttachToPipelineAsync(node, name, context.CancellationToken);
        var verification = await pipeline.VerifyHistoryAsync(context.CancellationToken);
        if (context.Output.Json)
        {
            context.Output.WriteJson(verification);
        }
        else if (verification.Intact)
        {
            var unchained = verification.UnchainedVersions > 0 ? $", {verification.UnchainedVersions} from before chaining" : string.Empty;
            context.Output.Line($"intact, {verification.VersionsChecked} versions ({verification.SignedVersions} signed{unchained}), head {verification.HeadHash}");
        }
        else
        {
            context.Output.Line($"broken at version {verification.FirstBrokenVersion}: {verification.Reason}");
        }

        if (!verification.Intact)
        {
            throw new HistoryBrokenException(node, name, verification);
        }
    }

    private static string Note(PipelineRevisionInfo revision) =>
        string.Join("; ", new[] { revision.Comment, revision.RolledBackTo is { } v ? $"rollback to v{v}" : null }.Where(n => !string.IsNullOrEmpty(n)));
}
