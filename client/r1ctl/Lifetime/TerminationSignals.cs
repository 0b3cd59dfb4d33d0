using System.Runtime.InteropServices;
using Ratio1.Orleans.Cli.Failures;

namespace Ratio1.Orleans.Cli.Lifetime;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM end the running command: the first one cancels it (it cleans up and exits with its
/// code; see <see cref="ExitCode"/>), a second one ends the process at once, as does a command still running
/// the grace period given after the first.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TimeSpan _grace;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    public TerminationSignals(TimeSpan grace)
    {
        _grace = grace;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>
    /// The process's exit code given the command's: a command cancelled by SIGTERM exits with
    /// <see cref="ExitCodes.Terminated"/> rather than <see cref="ExitCodes.Cancelled"/> (Ctrl+C's); any other code stands.
    /// </summary>
    public int ExitCode(int commandExitCode) =>
        commandExitCode == ExitCodes.Cancelled && Volatile.Read(ref _received) == ExitCodes.Terminated ? ExitCodes.Terminated : commandExitCode;

    private void OnSignal(PosixSignalContext context)
    {
        var code = context.Signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Cancelled;
        if (Interlocked.CompareExchange(ref _received, code, 0) != 0)
        {
            // A second signal: the default, which ends the process now.
            return;
        }

        context.Cancel = true;
        // Off the signal thread: cancellation runs the command's callbacks.
        _ = Task.Run(async () =>
        {
            await _cancellation.CancelAsync();
            await Task.Delay(_grace);
            Environment.Exit(code);
        });
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }
}
