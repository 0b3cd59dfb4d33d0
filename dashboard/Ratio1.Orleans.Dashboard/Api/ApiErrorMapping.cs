using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Dashboard.Access;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>
/// Which failure is which HTTP error: the client library's typed exceptions, with their messages as r1ctl shows them.
/// 400 invalid input (naming the field and value), 401 no token, 403 refused by the cluster's authorisation, 404 not
/// found, 409 version conflict, 413 over a limit, 503 storage, node or cluster unavailable, 502 a command the node
/// failed, 504 no answer in time. Anything else is a 500 that tells nothing of the server's insides.
/// </summary>
public static class ApiErrorMapping
{
    /// <summary>The error for <paramref name="exception"/>, or null when it is not an expected failure (a 500).</summary>
    public static ApiError? From(Exception exception) => exception switch
    {
        InvalidConfigException e => Invalid(e),
        ApiInputException e => new(StatusCodes.Status400BadRequest, "InvalidInput", e.Message, e.Field, e.Value, [new(e.Field, e.Value, e.Reason)]),
        JsonException e => new(StatusCodes.Status400BadRequest, "InvalidInput", $"body: malformed JSON: {e.Message}", "body"),
        BadHttpRequestException e => new(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "OverLimit" : "InvalidInput", e.Message, "body"),
        DashboardUnauthenticatedException e => new(StatusCodes.Status401Unauthorized, "Unauthenticated", e.Message),
        NodeNotFoundException or PipelineNotFoundException or InstanceNotFoundException or PipelineVersionNotFoundException or ModelNotFoundException =>
            Named(StatusCodes.Status404NotFound, exception),
        ConfigConflictException => Named(StatusCodes.Status409Conflict, exception),
        UnauthorizedException or SignatureInvalidException or RequestExpiredException => Named(StatusCodes.Status403Forbidden, exception),
        OverLimitException or MessageTooLargeException => Named(StatusCodes.Status413PayloadTooLarge, exception),
        StorageUnavailableException or NodeUnavailableException or ModelOverloadedException => Named(StatusCodes.Status503ServiceUnavailable, exception),
        ConnectionLostException => new(StatusCodes.Status503ServiceUnavailable, "ConnectionLost", exception.Message),
        Ratio1ConnectionException => new(StatusCodes.Status503ServiceUnavailable, "ClusterUnavailable", exception.Message),
        CommandFailedException => Named(StatusCodes.Status502BadGateway, exception),
        InferenceFailedException => Named(StatusCodes.Status502BadGateway, exception),
        TimeoutException => new(StatusCodes.Status504GatewayTimeout, "Timeout", exception.Message),
        _ => null,
    };

    /// <summary>The body of an unexpected failure: no type, message or stack trace of the server.</summary>
    public static ApiError Unexpected { get; } = new(StatusCodes.Status500InternalServerError, "Internal", "unexpected error in the dashboard; its log has the details");

    private static ApiError Named(int status, Exception exception) =>
        new(status, exception.GetType().Name is var name && name.EndsWith("Exception", StringComparison.Ordinal) ? name[..^"Exception".Length] : name, exception.Message);

    private static ApiError Invalid(InvalidConfigException e)
    {
        var errors = e.Errors.IsDefaultOrEmpty ? [] : e.Errors.Select(x => new ApiFieldError(x.Field, x.Value, x.Reason)).ToArray();
        return new(StatusCodes.Status400BadRequest, "InvalidConfig", e.Message, errors.Length > 0 ? e.Field : null, errors.Length > 0 ? e.Value : null, errors);
    }
}
