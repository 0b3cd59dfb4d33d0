namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// Standard output can no longer be written: its reader has gone (a closed pipe, EPIPE, as <c>r1ctl watch | head</c>).
/// The command ends at once and quietly, with <see cref="Failures.ExitCodes.OutputClosed"/>.
/// </summary>
internal sealed class OutputClosedException(Exception innerException) : Exception("standard output was closed by its reader", innerException);
