using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Dashboard.Access;
using Ratio1.Orleans.Dashboard.Feed;
using Ratio1.Orleans.Dashboard.Hosting;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>
/// The JSON API behind the page (docs/dashboard.md): every read and action goes through the caller's
/// <see cref="Ratio1Session"/>, so the cluster authorises it as any client's; failures are typed JSON errors
/// (<see cref="ApiErrorMapping"/>).
/// </summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddDashboardApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiFailureFilter>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        // Any use of the API wakes the feed's subscriber (Feed.DashboardWake).
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiFailureFilter>().AddEndpointFilter((context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<Feed.DashboardWake>().Wake();
            return next(context);
        });

        api.MapPost("/session", SignIn);
        api.MapDelete("/session", SignOut);
        api.MapGet("/me", Me);
        api.MapGet("/nodes", Nodes);
        api.MapGet("/nodes/{node}", NodeDetail);
        api.MapGet("/nodes/{node}/models", Models);
        api.MapGet("/nodes/{node}/pipelines", Pipelines);
        api.MapPost("/nodes/{node}/pipelines", Deploy);
        api.MapGet("/nodes/{node}/pipelines/{name}", Pipeline);
        api.MapDelete("/nodes/{node}/pipelines/{name}", Delete);
        api.MapGet("/nodes/{node}/pipelines/{name}/history", History);
        api.MapPost("/nodes/{node}/pipelines/{name}/rollback", Rollback);
        api.MapPost("/nodes/{node}/pipelines/{name}/archive", Archive);
        api.MapPost("/nodes/{node}/pipelines/{name}/command", PipelineCommand);
        api.MapGet("/nodes/{node}/pipelines/{name}/instances/{signature}/{instanceId}", Instance);
        api.MapPost("/nodes/{node}/pipelines/{name}/instances/{signature}/{instanceId}/command", InstanceCommand);
        api.MapPost("/nodes/{node}/pipelines/{name}/instances/{signature}/{instanceId}/pause", Pause);
        // An unknown API path is a JSON 404, never the page.
        api.Map("/{**rest}", (string? rest) => ApiFailureFilter.Error(new ApiError(StatusCodes.Status404NotFound, "NotFound", $"no API route /api/{rest}")));
        return endpoints;
    }

    private static IResult Json<T>(T value) => Results.Json(value, ApiJson.Options);

    private static async Task<IResult> SignIn(HttpContext context, DashboardAccess access, CancellationToken cancellationToken)
    {
        var body = await ApiRequest.ObjectAsync(context.Request, cancellationToken);
        var token = ApiRequest.Property(body, "token") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;
        if (token is not { Length: > 0 })
        {
            // The value is never echoed: it may be a mistyped secret.
            throw new ApiInputException("token", null, "is required (a string: a dashboard user's token)");
        }

        var caller = access.Recognize(token) ?? throw new DashboardUnauthenticatedException("the token is not one of the dashboard's (Dashboard:Users, Dashboard:TokenFile)");
        context.Response.Cookies.Append(DashboardAccess.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return Json(new { user = caller.User });
    }

    private static IResult SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(DashboardAccess.CookieName, new CookieOptions { Path = "/" });
        return Results.NoContent();
    }

    private static async Task<IResult> Me(HttpContext context, DashboardAccess access, DashboardSessions sessions, IOptions<DashboardOptions> options, CancellationToken cancellationToken)
    {
        var caller = access.Identify(context);
        var session = await sessions.ForCallerAsync(caller, cancellationToken);
        var o = options.Value;
        var security = o.Security ?? (o.IdentityFile is { Length: > 0 } || o.Users.Any(u => u.IdentityFile is { Length: > 0 }));
        return Json(new MeView(caller.User, session.IdentityAddress, security, o.Node));
    }

    private static async Task<IResult> Nodes(HttpContext context, DashboardSessions sessions, FleetActivity activity, CancellationToken cancellationToken)
    {
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        var nodes = await session.GetNodesAsync(cancellationToken);
        return Json(nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal).Select(n => new NodeEntryView(n, activity.GetLatestHeartbeat(n.NodeId))).ToArray());
    }

    private static async Task<IResult> NodeDetail(string node, HttpContext context, DashboardSessions sessions, FleetActivity activity, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        var info = await session.GetNodeAsync(node, cancellationToken);
        IReadOnlyList<ModelStatus> models;
        try
        {
            models = await session.GetModelsAsync(node, cancellationToken);
        }
        catch (NodeUnavailableException)
        {
            // A node that is not running serves no models; the rest of its view still shows.
            models = [];
        }

        return Json(new NodeDetailView(info, activity.GetLatestHeartbeat(node), activity.GetRecentHeartbeats(node), models, activity.GetInstanceActivity(node)));
    }

    private static async Task<IResult> Models(string node, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.GetModelsAsync(node, cancellationToken));
    }

    private static async Task<IResult> Pipelines(string node, string? archived, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        var includeArchived = ApiRequest.Boolean("archived", archived) ?? false;
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.GetPipelinesAsync(node, includeArchived, cancellationToken));
    }

    private static async Task<IResult> Pipeline(string node, string name, string? version, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var at = ApiRequest.Integer("version", version, minimum: 1);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        var snapshot = await session.GetPipelineAsync(node, name, at, cancellationToken);
        var json = JsonSerializer.SerializeToNode(snapshot, ApiJson.Options)!.AsObject();
        json["configJson"] = snapshot.ToRatio1Map().ToJson(indented: true);
        return Json(json);
    }

    private static async Task<IResult> History(string node, string name, string? before, string? limit, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var beforeVersion = ApiRequest.Integer("before", before, minimum: 1);
        var count = ApiRequest.Integer("limit", limit, minimum: 1) ?? 50;
        if (count > 1000)
        {
            throw new ApiInputException("limit", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be at most 1000");
        }

        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.GetPipelineHistoryAsync(node, name, beforeVersion, count, cancellationToken));
    }

    private static async Task<IResult> Instance(string node, string name, string signature, string instanceId, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.GetInstanceAsync(node, name, Identifiers.RequireSignature(signature, "signature"), Identifiers.RequireInstanceId(instanceId, "instanceId"), cancellationToken));
    }

    private static async Task<IResult> Deploy(string node, string? expectedVersion, string? replace, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        var expected = ApiRequest.Integer("expectedVersion", expectedVersion, minimum: 0);
        var replacing = ApiRequest.Boolean("replace", replace) ?? false;
        var document = ConfigJson.ParseObject(await ApiRequest.TextAsync(context.Request, cancellationToken));
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.DeployPipelineDocumentAsync(node, document, expected, replacing, cancellationToken));
    }

    private static async Task<IResult> Rollback(string node, string name, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var body = await ApiRequest.ObjectAsync(context.Request, cancellationToken);
        var version = ApiRequest.RequiredInteger(body, "version", minimum: 1);
        var expected = ApiRequest.Integer(body, "expectedVersion", minimum: 0);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.RollbackPipelineAsync(node, name, version, expected, cancellationToken));
    }

    private static async Task<IResult> Archive(string node, string name, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var body = await ApiRequest.ObjectAsync(context.Request, cancellationToken);
        var expected = ApiRequest.Integer(body, "expectedVersion", minimum: 0);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.ClosePipelineAsync(node, name, expected, cancellationToken));
    }

    private static async Task<IResult> Delete(string node, string name, string? expectedVersion, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var expected = ApiRequest.Integer("expectedVersion", expectedVersion, minimum: 0);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(new DeletedView(await session.DeletePipelineAsync(node, name, expected, cancellationToken)));
    }

    private static async Task<IResult> PipelineCommand(string node, string name, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        var (command, parameters) = await CommandAsync(context.Request, cancellationToken);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.SendPipelineCommandAsync(node, name, command, parameters, cancellationToken: cancellationToken));
    }

    private static async Task<IResult> InstanceCommand(string node, string name, string signature, string instanceId, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        Identifiers.RequireSignature(signature, "signature");
        Identifiers.RequireInstanceId(instanceId, "instanceId");
        var (command, parameters) = await CommandAsync(context.Request, cancellationToken);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        return Json(await session.SendInstanceCommandAsync(node, name, signature, instanceId, command, parameters, cancellationToken: cancellationToken));
    }

    private static async Task<IResult> Pause(string node, string name, string signature, string instanceId, HttpContext context, DashboardSessions sessions, CancellationToken cancellationToken)
    {
        Identifiers.RequireNodeId(node);
        Identifiers.RequirePipelineName(name, "name");
        Identifiers.RequireSignature(signature, "signature");
        Identifiers.RequireInstanceId(instanceId, "instanceId");
        var body = await ApiRequest.ObjectAsync(context.Request, cancellationToken);
        var paused = ApiRequest.RequiredBoolean(body, "paused");
        var expected = ApiRequest.Integer(body, "expectedVersion", minimum: 0);
        var session = await sessions.ForRequestAsync(context, cancellationToken);
        var delta = new Dictionary<string, object?> { [InstanceKeys.ForcedPause] = paused };
        return Json(await session.UpdateInstanceAsync(node, name, signature, instanceId, delta, expected, cancellationToken));
    }

    // { "command": <any JSON>, "parameters": { ... } } — parameters are Ratio1's COMMAND_PARAMS.
    private static async Task<(ConfigValue Command, IReadOnlyDictionary<string, object?>? Parameters)> CommandAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ApiRequest.ObjectAsync(request, cancellationToken);
        var command = ApiRequest.Property(body, "command") is { } c
            ? ConfigJson.FromElement(c)
            : throw new ApiInputException("command", null, "is required (a string such as \"RESET\", or an object)");
        IReadOnlyDictionary<string, object?>? parameters = null;
        if (ApiRequest.Property(body, "parameters") is { } p)
        {
            parameters = p.ValueKind == JsonValueKind.Object
                ? ConfigJson.FromElement(p).Fields.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)
                : throw new ApiInputException("parameters", p.GetRawText(), "must be a JSON object");
        }

        return (command, parameters);
    }
}
