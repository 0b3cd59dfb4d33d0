using System.CommandLine;
using System.CommandLine.Help;
using Ratio1.Orleans.Cli.Commands;
using Ratio1.Orleans.Cli.Commands.Access;
using Ratio1.Orleans.Cli.Commands.Instances;
using Ratio1.Orleans.Cli.Commands.Models;
using Ratio1.Orleans.Cli.Commands.Nodes;
using Ratio1.Orleans.Cli.Commands.Pipelines;
using Ratio1.Orleans.Cli.Commands.Traffic;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli;

/// <summary>
/// r1ctl as a function of its arguments and streams, so it runs the same from <c>Program</c> and in-process from tests.
/// </summary>
public static class CliApplication
{
    /// <summary>Runs r1ctl with stdin taken from the console.</summary>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // Over the raw stream, so that input given as "-" is decoded strictly (see ConfigSource).
        using var stdin = new StreamReader(Console.OpenStandardInput());
        return await RunAsync(args, stdin, stdout, stderr, cancellationToken);
    }

    /// <summary>
    /// Runs r1ctl: parses <paramref name="args"/>, runs the command, reports failures on <paramref name="stderr"/>. Input
    /// read from <paramref name="stdin"/> is decoded strictly when it is a <see cref="StreamReader"/> (its bytes are read).
    /// </summary>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, stdin, stdout, stderr, showProgress: false, cancellationToken);

    /// <summary>
    /// Runs r1ctl, showing the progress of long operations on <paramref name="stderr"/> when
    /// <paramref name="showProgress"/> (a terminal; never with <c>--json</c>).
    /// </summary>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool showProgress, CancellationToken cancellationToken)
    {
        try
        {
            return await RunCommandAsync(args, stdin, stdout, stderr, showProgress, cancellationToken);
        }
        catch (OutputClosedException)
        {
            // Help or a usage error written to a reader that has gone: nothing more to say, to no one.
            return ExitCodes.OutputClosed;
        }
    }

    private static async Task<int> RunCommandAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool showProgress, CancellationToken cancellationToken)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(globals, stdin, stdout, stderr, showProgress);
        var root = BuildRoot(runner);
        // No response files: "@file" is r1ctl's own syntax for a delta read from a file.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        // System.CommandLine reports parse errors with exit code 1; r1ctl's contract is 2 for any usage error.
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            var command = parseResult.CommandResult.Command == root ? "r1ctl" : $"r1ctl {parseResult.CommandResult.Command.Name}";
            runner.OutputFor(parseResult).WriteFailure(Failure.Usage(
                string.Join("; ", parseResult.Errors.Select(e => e.Message.TrimEnd('.'))),
                hint: $"See '{command} --help'."));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Program owns Ctrl+C; in tests the process is shared, so no global handler may be installed.
            ProcessTerminationTimeout = null,
            // Commands report their own failures; what is left (a closed output while writing help) is caught above.
            EnableDefaultExceptionHandler = false,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    private static RootCommand BuildRoot(CommandRunner runner)
    {
        var root = new RootCommand("r1ctl: manage the nodes and pipelines of a Ratio1.Orleans cluster and watch their traffic." + Environment.NewLine + Environment.NewLine + ExitCodes.HelpText)
        {
            NodesCommand.Create(runner),
            NodeCommand.Create(runner),
            WaitCommand.Create(runner),
            PipelinesCommand.Create(runner),
            DeployCommand.Create(runner),
            UpdateCommand.Create(runner),
            UpdateInstanceCommand.Create(runner),
            BatchUpdateCommand.Create(runner),
            GetCommand.Create(runner),
            HistoryCommand.Create(runner),
            RollbackCommand.Create(runner),
            ArchiveCommand.Create(runner),
            DeleteCommand.Create(runner),
            InstanceCommand.Create(runner),
            WatchCommand.Create(runner),
            CommandCommand.Create(runner),
            PushCommand.Create(runner),
            ModelsCommand.Create(runner),
            InferCommand.Create(runner),
            AccessCommand.Create(runner),
            IdCommand.Create(runner),
            VerifyCommand.Create(runner),
        };
        runner.Globals.AddTo(root);
        return root;
    }
}
