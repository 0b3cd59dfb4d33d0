namespace Ratio1.Orleans.Cli.Failures;

/// <summary>Process exit codes of r1ctl; scripts rely on them, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;
    public const int InvalidConfig = 5;
    public const int CannotConnect = 6;
    public const int Timeout = 7;
    public const int StorageUnavailable = 8;
    public const int CommandFailed = 9;
    public const int NodeUnavailable = 10;
    public const int Overloaded = 11;
    public const int InferenceFailed = 12;

    /// <summary>The connection to the cluster was lost during the command (retryable; a change may or may not have been applied).</summary>
    public const int ConnectionLost = 13;

    /// <summary>A command or input is larger than the limit of one message; it was not sent.</summary>
    public const int MessageTooLarge = 14;

    /// <summary>The caller's identity may not do this (not on the allow-list, role too low, or unsigned while security is on).</summary>
    public const int Unauthorized = 15;

    /// <summary>A signature did not verify (a request modified after signing; <c>r1ctl verify</c>: the message does not verify).</summary>
    public const int SignatureInvalid = 16;

    /// <summary>A signed request was outside the replay window or already used (check the clock; retry).</summary>
    public const int RequestExpired = 17;

    /// <summary><c>history --verify</c>: a version of the pipeline's history does not check out (it was altered in storage).</summary>
    public const int HistoryBroken = 20;

    /// <summary>Conventional code of a command stopped by Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>Standard output's reader went away (a closed pipe); the command ended quietly (128 + SIGPIPE).</summary>
    public const int OutputClosed = 141;

    /// <summary>Conventional code of a command stopped by SIGTERM (128 + SIGTERM).</summary>
    public const int Terminated = 143;

    /// <summary>The exit-code table shown in <c>--help</c>.</summary>
    public const string HelpText =
        """
        Exit codes:
          0    ok
          1    unexpected error
          2    usage error (bad arguments, unreadable file)
          3    not found (node, pipeline, version, instance or model)
          4    conflict (the pipeline changed since the version given with --if-version)
          5    invalid config (each offending field is listed)
          6    cannot connect to the cluster
          7    timed out
          8    the node's storage is unavailable (the change was not confirmed)
          9    the node failed the command or did not answer
          10   the node is not running (a command or input cannot reach it)
          11   the model is overloaded (its queue is full; retry later)
          12   the model failed to run the input
          13   the connection to the cluster was lost (retryable: a change may or may not have been applied,
               retry with --if-version; watch: not back within --reconnect-timeout)
          14   a command or input is larger than the limit of one message (not sent)
          15   unauthorized (your identity lacks the role, or the request is unsigned while security is on)
          16   signature invalid (a request changed after signing; verify: the message does not verify)
          17   request expired (outside the replay window, or replayed: check the clock and retry)
          20   history --verify: the pipeline's history does not verify (the first broken version is named)
          130  cancelled (Ctrl+C, SIGINT; watch: 0)
          141  standard output closed by its reader (a pipe whose reader ended); nothing more is written
          143  terminated (SIGTERM; watch: 0)
        """;
}
