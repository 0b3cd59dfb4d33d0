namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>One dashboard user (<c>Dashboard:Users:N</c>): a name, a token file, and the identity its requests are signed with.</summary>
public sealed class DashboardUserOptions
{
    /// <summary>The user's name, shown by the page and recorded in pipeline history as <c>dashboard:name</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A file holding the user's bearer token (one line, at least 16 characters; keep it 0600).</summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// The user's identity (PEM): its requests are signed with it, so the silo's allow-list decides what it may do.
    /// None: the user acts with the dashboard's own identity (<see cref="DashboardOptions.IdentityFile"/>).
    /// </summary>
    public string? IdentityFile { get; set; }
}
