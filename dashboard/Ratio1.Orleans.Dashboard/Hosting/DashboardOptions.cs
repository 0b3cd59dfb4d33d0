namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>
/// Settings of the dashboard (configuration section <c>Dashboard</c>; docs/dashboard.md). Tokens are read from files
/// (or the environment) and never logged or echoed.
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>The smallest token accepted: a short one can be guessed.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary><c>Dashboard:Enabled</c>: serve the page and its API (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>Dashboard:IdentityFile</c>: the dashboard's own identity (PEM), used by the live feed and for requests of
    /// users without an identity of their own. None: its requests are unsigned (fine while security is off).
    /// </summary>
    public string? IdentityFile { get; set; }

    /// <summary><c>Dashboard:Users</c>: who may use the dashboard, each with a token and optionally an identity.</summary>
    public IList<DashboardUserOptions> Users { get; set; } = [];

    /// <summary>
    /// <c>Dashboard:TokenFile</c>: a token that opens the dashboard acting as the dashboard itself (its identity). A
    /// silo uses its web token (<c>Web:TokenFile</c>) for this when none is set.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>The token itself (the environment, <c>R1_Dashboard__Token</c>, or the host), when no file is given.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// <c>Dashboard:RequireToken</c>: the API needs a token (a user's or <see cref="Token"/>) even on loopback. Implied
    /// when users are configured, and set by the host when it listens beyond loopback.
    /// </summary>
    public bool RequireToken { get; set; }

    /// <summary>The name the dashboard's requests carry in pipeline history (<c>INITIATOR_ID</c>); a user's add <c>:name</c>.</summary>
    public string ClientName { get; set; } = "dashboard";

    /// <summary>
    /// Whether the cluster has security on (signed requests, roles), as the page shows it (<c>GET /api/me</c>). A silo
    /// sets it from its admins; elsewhere: set it, or it is taken as on when an identity is configured.
    /// </summary>
    public bool? Security { get; set; }

    /// <summary>The node id of the silo hosting the dashboard (null in the standalone host).</summary>
    public string? Node { get; set; }
}
