namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>Who a request acts as: a configured dashboard user, or the dashboard itself (<see cref="User"/> null).</summary>
/// <param name="User">The dashboard user's name; null: the dashboard itself (no users configured, or its own token).</param>
/// <param name="IdentityFile">The identity the user's requests are signed with; null: the dashboard's own.</param>
public sealed record DashboardCaller(string? User, string? IdentityFile)
{
    /// <summary>The dashboard itself.</summary>
    public static DashboardCaller Dashboard { get; } = new(null, null);

    /// <summary>The key of the session this caller's requests go through.</summary>
    internal string SessionKey => IdentityFile is null ? string.Empty : User!;
}
