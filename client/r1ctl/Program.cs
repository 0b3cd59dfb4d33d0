using Ratio1.Orleans.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the command cleanly; a second one ends the process the usual way.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

// A reader over the raw stream, so input files given as "-" can be read strictly (see ConfigSource).
using var stdin = new StreamReader(Console.OpenStandardInput());
return await CliApplication.RunAsync(args, stdin, Console.Out, Console.Error, cancellation.Token);
