using Microsoft.AspNetCore.Http;

namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>Lets a request reach an endpoint only as a known caller (<see cref="DashboardAccess.Identify"/>): for endpoints that take no session, such as the live feed.</summary>
public sealed class DashboardAccessFilter(DashboardAccess access) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        access.Identify(context.HttpContext);
        return next(context);
    }
}
