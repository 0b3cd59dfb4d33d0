namespace Ratio1.Orleans.Silo.Dashboard;

/// <summary>
/// The Orleans Dashboard's settings (configuration section <c>Dashboard</c>, shared with the fleet page's own keys):
/// whether the silo serves it under <see cref="OrleansDashboardHosting.RoutePrefix"/>, and whether its live log stream
/// is offered.
/// </summary>
public sealed class OrleansDashboardSettings
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Serve the Orleans Dashboard (default true). Off, the silo neither registers it (no grain service, no profiler
    /// filter, no meter listener) nor maps its route: it costs nothing and <c>/orleans/</c> answers 404.
    /// </summary>
    public bool Orleans { get; set; } = true;

    /// <summary>
    /// Offer the dashboard's live log stream (<c>/orleans/Trace</c>; default false): it streams every log line of the
    /// silo to whoever reads it, so it answers 403 unless turned on.
    /// </summary>
    public bool OrleansTrace { get; set; }

    /// <summary>The settings in <paramref name="configuration"/>.</summary>
    public static OrleansDashboardSettings Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<OrleansDashboardSettings>() ?? new OrleansDashboardSettings();
}
