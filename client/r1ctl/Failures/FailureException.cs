namespace Ratio1.Orleans.Cli.Failures;

/// <summary>A command's own failure, reported as it is (exit code, kind, message) rather than mapped from an exception type.</summary>
internal sealed class FailureException(Failure failure) : Exception(failure.Message)
{
    public Failure Failure => failure;
}
