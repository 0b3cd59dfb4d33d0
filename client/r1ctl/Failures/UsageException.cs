namespace Ratio1.Orleans.Cli.Failures;

/// <summary>The command line cannot be acted on: a bad combination of arguments or an unreadable input file.</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
