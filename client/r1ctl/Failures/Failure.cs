using System.Collections.Immutable;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Cli.Failures;

/// <summary>
/// Why a command failed, as reported to the user: the exit code, a stable kind name for <c>--json</c> consumers,
/// a message, and for rejected configs every offending field.
/// </summary>
internal sealed record Failure(int ExitCode, string Kind, string Message, ImmutableArray<ConfigError> Errors, string? Hint = null)
{
    /// <summary>The exit-code mapping: which exception means which exit code.</summary>
    public static Failure From(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        UsageException e => Usage(e.Message),
        Commands.Pipelines.HistoryBrokenException e => new(ExitCodes.HistoryBroken, "history-broken", e.Message, []),
        NodeNotFoundException or PipelineNotFoundException or InstanceNotFoundException or PipelineVersionNotFoundException or ModelNotFoundException =>
            new(ExitCodes.NotFound, "not-found", exception.Message, []),
        ConfigConflictException e => new(ExitCodes.Conflict, "conflict", e.Message, []),
        // The exception's message repeats every error; they are listed one per line instead.
        InvalidConfigException e => new(ExitCodes.InvalidConfig, "invalid-config",
            e.Errors.Length > 1 ? $"invalid config ({e.Errors.Length} problems)" : "invalid config", e.Errors.IsDefault ? [] : e.Errors),
        Ratio1ConnectionException e => new(ExitCodes.CannotConnect, "connection", e.Message, []),
        ConnectionLostException e => new(ExitCodes.ConnectionLost, "connection-lost", e.Message, []),
        MessageTooLargeException e => new(ExitCodes.MessageTooLarge, "message-too-large", e.Message, []),
        UnauthorizedException e => new(ExitCodes.Unauthorized, "unauthorized", e.Message, []),
        SignatureInvalidException e => new(ExitCodes.SignatureInvalid, "signature-invalid", e.Message, []),
        RequestExpiredException e => new(ExitCodes.RequestExpired, "request-expired", e.Message, []),
        TimeoutException e => new(ExitCodes.Timeout, "timeout", e.Message, []),
        StorageUnavailableException e => new(ExitCodes.StorageUnavailable, "storage-unavailable", e.Message, []),
        CommandFailedException e => new(ExitCodes.CommandFailed, "command-failed", e.Message, []),
        NodeUnavailableException e => new(ExitCodes.NodeUnavailable, "node-unavailable", e.Message, []),
        ModelOverloadedException e => new(ExitCodes.Overloaded, "overloaded", e.Message, []),
        InferenceFailedException e => new(ExitCodes.InferenceFailed, "inference-failed", e.Message, []),
        OperationCanceledException when cancellationToken.IsCancellationRequested => new(ExitCodes.Cancelled, "cancelled", "cancelled", []),
        _ => new(ExitCodes.Unexpected, "unexpected", $"{exception.GetType().Name}: {exception.Message}", []),
    };

    public static Failure Usage(string message, string? hint = null) => new(ExitCodes.Usage, "usage", message, [], hint);
}
