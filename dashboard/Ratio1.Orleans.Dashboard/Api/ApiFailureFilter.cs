using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>Turns a failed API call into its JSON error (<see cref="ApiErrorMapping"/>); logs only the unexpected ones.</summary>
public sealed partial class ApiFailureFilter(ILogger<ApiFailureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The browser went away: nobody reads an answer.
            return Results.Empty;
        }
        catch (Exception e)
        {
            var error = ApiErrorMapping.From(e);
            if (error is null)
            {
                LogUnexpected(logger, context.HttpContext.Request.Method, context.HttpContext.Request.Path, e);
                error = ApiErrorMapping.Unexpected;
            }

            return Error(error);
        }
    }

    /// <summary>The response of an error.</summary>
    public static IResult Error(ApiError error) => Results.Json(error, ApiJson.Options, statusCode: error.Status);

    // The path, never the query or headers: a token must not reach the log.
    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard API {Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string method, string path, Exception exception);
}
