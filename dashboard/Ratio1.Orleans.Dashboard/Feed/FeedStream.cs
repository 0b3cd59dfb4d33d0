using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Dashboard.Access;
using Ratio1.Orleans.Dashboard.Api;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// Serves one <c>GET /api/feed</c> connection as server-sent events: the messages its filter takes, from its own
/// bounded buffer; a <c>dropped</c> event before the next messages when the buffer overflowed; a <c>: keep-alive</c>
/// comment when it has been quiet. Ends when the browser goes away or the host stops.
/// </summary>
internal static class FeedStream
{
    private static readonly byte[] Opening = "retry: 3000\n\n"u8.ToArray();
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public static async Task ServeAsync(HttpContext context, FeedBroadcast broadcast, IOptions<FeedOptions> options, IHostApplicationLifetime lifetime)
    {
        FeedFilter filter;
        try
        {
            // The same gate as the API's: a token when the dashboard requires one (what the feed shows is the same for
            // every user: it comes through the dashboard's own session).
            context.RequestServices.GetService<DashboardAccess>()?.Identify(context);
            var query = context.Request.Query;
            filter = FeedFilter.Parse(query["node"], query["pipeline"], query["signature"], query["kinds"]);
        }
        catch (DashboardUnauthenticatedException e)
        {
            await ApiFailureFilter.Error(new ApiError(StatusCodes.Status401Unauthorized, "Unauthenticated", e.Message)).ExecuteAsync(context);
            return;
        }
        catch (FeedFilterException e)
        {
            await ApiFailureFilter.Error(new ApiError(StatusCodes.Status400BadRequest, "InvalidInput", e.Message, e.Field, e.Value, [new(e.Field, e.Value, e.Message)]))
                .ExecuteAsync(context);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies (nginx) would otherwise hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var subscription = broadcast.Open(filter);
        try
        {
            await WriteAsync(response, subscription.Connection, TimeSpan.FromSeconds(options.Value.FeedKeepAliveSeconds), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser went away or the host is stopping: the connection just ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Same, seen by a write.
        }
    }

    private static async Task WriteAsync(HttpResponse response, FeedConnection connection, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        var body = response.Body;
        await body.WriteAsync(Opening, cancellationToken);
        await body.FlushAsync(cancellationToken);
        var reader = connection.Reader;
        long reported = 0;
        var quiet = new CancellationTokenSource();
        try
        {
            while (true)
            {
                quiet.CancelAfter(keepAlive);
                bool more;
                try
                {
                    using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quiet.Token);
                    more = await reader.WaitToReadAsync(waiting.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await body.WriteAsync(KeepAlive, cancellationToken);
                    await body.FlushAsync(cancellationToken);
                    quiet.Dispose();
                    quiet = new CancellationTokenSource();
                    continue;
                }

                if (!quiet.TryReset())
                {
                    quiet.Dispose();
                    quiet = new CancellationTokenSource();
                }

                if (!more)
                {
                    return;
                }

                // Tell the page what it missed before what comes next.
                var dropped = connection.Dropped;
                if (dropped > reported)
                {
                    await body.WriteAsync(FeedJson.Dropped(dropped - reported, dropped), cancellationToken);
                    reported = dropped;
                }

                // A batch per flush: at thousands of messages a second, one flush each would cost more than the writes.
                for (var n = 0; n < 256 && reader.TryRead(out var message); n++)
                {
                    await body.WriteAsync(message.Frame, cancellationToken);
                }

                await body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            quiet.Dispose();
        }
    }
}
