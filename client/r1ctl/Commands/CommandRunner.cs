using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>Runs command bodies: gives them a <see cref="CommandContext"/> and turns any failure into its report and exit code.</summary>
internal sealed class CommandRunner(GlobalOptions globals, TextReader stdin, TextWriter stdout, TextWriter stderr, bool showProgress = false)
{
    public GlobalOptions Globals => globals;

    public CliOutput OutputFor(ParseResult parseResult) => new(stdout, stderr, parseResult.GetValue(globals.Json), showProgress);

    public void SetAction(Command command, Func<CommandContext, Task> body) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));

    private async Task<int> RunAsync(ParseResult parseResult, Func<CommandContext, Task> body, CancellationToken cancellationToken)
    {
        var output = OutputFor(parseResult);
        try
        {
            await using var context = new CommandContext(parseResult, globals, stdin, output, cancellationToken);
            await body(context);
            return ExitCodes.Ok;
        }
        catch (OutputClosedException)
        {
            // The reader of the output has gone (r1ctl watch | head): end at once, quietly.
            return ExitCodes.OutputClosed;
        }
        catch (Exception e)
        {
            var failure = e is FailureException reported ? reported.Failure : Failure.From(e, cancellationToken);
            output.WriteFailure(failure);
            return failure.ExitCode;
        }
    }
}
