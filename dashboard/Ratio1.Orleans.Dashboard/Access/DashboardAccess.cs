using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Dashboard.Hosting;

namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>
/// Who may use the dashboard: the configured users (<c>Dashboard:Users</c>, each by its token) and the dashboard's own
/// token (<c>Dashboard:TokenFile</c>, or the silo's web token). A request presents a token as
/// <c>Authorization: Bearer &lt;token&gt;</c> or in the cookie <see cref="CookieName"/> (set by <c>POST /api/session</c>).
/// Without users and off loopback no token is needed. Tokens are kept hashed and compared in constant time.
/// </summary>
public sealed class DashboardAccess
{
    /// <summary>The cookie the page's sign-in sets: HttpOnly, SameSite=Strict, Secure over HTTPS.</summary>
    public const string CookieName = "r1_dashboard";

    private const string BearerScheme = "Bearer ";

    private readonly (DashboardToken Token, DashboardCaller Caller)[] _tokens;
    private readonly DashboardAssets _assets;

    public DashboardAccess(IOptions<DashboardOptions> options, DashboardAssets assets)
    {
        _assets = assets;
        var o = options.Value;
        var tokens = new List<(DashboardToken, DashboardCaller)>();
        for (var i = 0; i < o.Users.Count; i++)
        {
            var user = o.Users[i];
            var userFile = user.TokenFile ?? throw new ArgumentException($"Dashboard:Users:{i}:TokenFile is required (user '{user.Name}')");
            var token = DashboardToken.ReadFile(userFile, $"Dashboard:Users:{i}:TokenFile", DashboardOptions.MinimumTokenLength);
            tokens.Add((DashboardToken.Of(token), new DashboardCaller(user.Name, user.IdentityFile is { Length: > 0 } identity ? identity : null)));
        }

        if (o.TokenFile is { Length: > 0 } file)
        {
            tokens.Add((DashboardToken.Of(DashboardToken.ReadFile(file, "Dashboard:TokenFile", DashboardOptions.MinimumTokenLength)), DashboardCaller.Dashboard));
        }

        if (o.Token is { Length: > 0 } own)
        {
            tokens.Add((DashboardToken.Of(own), DashboardCaller.Dashboard));
        }

        _tokens = [.. tokens];
        TokenRequired = o.RequireToken || o.Users.Count > 0;
    }

    /// <summary>Whether the API needs a token (users are configured, or the host listens beyond loopback).</summary>
    public bool TokenRequired { get; }

    /// <summary>The caller a token belongs to, or null when no user (nor the dashboard) has it. Every token is compared, in constant time.</summary>
    public DashboardCaller? Recognize(string? token)
    {
        if (token is not { Length: > 0 })
        {
            return null;
        }

        var presented = DashboardToken.Hash(token);
        DashboardCaller? found = null;
        foreach (var (candidate, caller) in _tokens)
        {
            // No early exit: the time does not tell which entry matched.
            if (candidate.Matches(presented))
            {
                found ??= caller;
            }
        }

        return found;
    }

    /// <summary>The token a request presents (bearer header first, then the cookie), or null.</summary>
    public static string? PresentedToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerScheme.Length..].Trim();
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && cookie is { Length: > 0 } ? cookie : null;
    }

    /// <summary>Who the request acts as.</summary>
    /// <exception cref="DashboardUnauthenticatedException">A token is required and none was presented, or the one presented is unknown.</exception>
    public DashboardCaller Identify(HttpContext context)
    {
        if (context.Items[typeof(DashboardCaller)] is DashboardCaller known)
        {
            return known;
        }

        var token = PresentedToken(context.Request);
        DashboardCaller caller;
        if (token is null)
        {
            caller = TokenRequired
                ? throw new DashboardUnauthenticatedException("a token is required: send Authorization: Bearer <token> (a dashboard user's token), or sign in with POST /api/session")
                : DashboardCaller.Dashboard;
        }
        else
        {
            caller = Recognize(token) ?? throw new DashboardUnauthenticatedException("the token presented is not one of the dashboard's (Dashboard:Users, Dashboard:TokenFile)");
        }

        context.Items[typeof(DashboardCaller)] = caller;
        return caller;
    }

    /// <summary>
    /// For a host's own gate (the silo's <c>WebTokenGate</c>): whether the dashboard lets this request through — it
    /// presents a token the dashboard knows, or it asks for the page's static files or to sign in (both tell nothing).
    /// </summary>
    public bool Admits(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(SessionPath, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && _assets.IsPageFile(request.Path))
        {
            return true;
        }

        return Recognize(PresentedToken(request)) is not null;
    }

    /// <summary>Where the page signs in.</summary>
    public const string SessionPath = "/api/session";
}
