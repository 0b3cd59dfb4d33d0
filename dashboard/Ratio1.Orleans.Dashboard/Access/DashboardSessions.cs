using Microsoft.AspNetCore.Http;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>
/// The client sessions the dashboard acts through: its own (the live feed; requests of users without an identity) and
/// one per dashboard user, signed with that user's identity, so the silos authorise each action as any client's.
/// </summary>
public sealed class DashboardSessions
{
    // Skeleton (issue 19): the Access helper implements it.
    public Task<Ratio1Session> ForDashboardAsync(CancellationToken cancellationToken) => throw new NotSupportedException("not built yet");

    public Task<Ratio1Session> ForRequestAsync(HttpContext context, CancellationToken cancellationToken) => throw new NotSupportedException("not built yet");
}
