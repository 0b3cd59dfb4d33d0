using System.Security.Cryptography;
using System.Text;
using Ratio1.Orleans.Dashboard.Access;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Lets a request to the web host through only with the bearer token, when the token is required: always for liveness
/// (<see cref="LivenessPath"/>, which tells nothing but "up"). Compares in constant time.
/// </summary>
public sealed class WebTokenGate(string? token, bool required)
{
    /// <summary>The liveness probe, open to anyone.</summary>
    public const string LivenessPath = "/health/live";

    private readonly byte[]? _tokenHash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether requests (other than liveness) need the token.</summary>
    public bool Required => required;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!required || context.Request.Path.Equals(LivenessPath, StringComparison.OrdinalIgnoreCase) || Allows(context.Request.Headers.Authorization.ToString())
            || DashboardAdmits(context))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync("a bearer token is required (Authorization: Bearer <token>, the silo's Web:TokenFile)", context.RequestAborted);
    }

    // The dashboard's users' tokens (header or sign-in cookie), and its page's static files, which hold no data.
    private static bool DashboardAdmits(HttpContext context) =>
        context.RequestServices.GetService<DashboardAccess>()?.Admits(context) == true;

    /// <summary>Whether an <c>Authorization</c> header value carries the token.</summary>
    public bool Allows(string authorization)
    {
        const string scheme = "Bearer ";
        if (_tokenHash is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison's time independent of the lengths too.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _tokenHash);
    }
}
