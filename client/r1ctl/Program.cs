using Ratio1.Orleans.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the command cleanly; a second one ends the process the usual way.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await CliApplication.RunAsync(args, Console.In, Console.Out, Console.Error, cancellation.Token);
