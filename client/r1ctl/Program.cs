using Ratio1.Orleans.Cli;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Lifetime;
using Ratio1.Orleans.Cli.Output;

// SIGINT and SIGTERM cancel the command; one still running 10 s later is ended (see TerminationSignals).
using var signals = new TerminationSignals(TimeSpan.FromSeconds(10));

// A reader over the raw stream, so input files given as "-" can be read strictly (see ConfigSource).
using var stdin = new StreamReader(Console.OpenStandardInput());
try
{
    var exitCode = await CliApplication.RunAsync(args, stdin, StandardOutput.Open(), Console.Error, showProgress: !Console.IsErrorRedirected, signals.Token);
    return signals.ExitCode(exitCode);
}
catch (OutputClosedException)
{
    return ExitCodes.OutputClosed;
}
