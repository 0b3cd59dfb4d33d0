using System.Net;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Dashboard.Hosting;

namespace Ratio1.Orleans.Dashboard.Host;

/// <summary>
/// Builds the standalone dashboard host: settings from <c>appsettings.json</c> beside it, <c>R1_</c> environment variables
/// (<c>R1_Dashboard__Users__0__Name</c>, ...) and the command line. It listens on loopback unless told otherwise; bound
/// to any other address it needs a token (dashboard users, or <c>Dashboard:TokenFile</c>) or refuses to start.
/// </summary>
public static class StandaloneDashboard
{
    /// <summary>Where it listens by default.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8088";

    /// <summary>The configuration section of the cluster connection (the properties of <see cref="Ratio1SessionOptions"/>).</summary>
    public const string ConnectionSection = "Ratio1";

    private static readonly Dictionary<string, string> Switches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--gateway"] = $"{ConnectionSection}:Gateways",
        ["--gateways"] = $"{ConnectionSection}:Gateways",
        ["--cluster-id"] = $"{ConnectionSection}:ClusterId",
        ["--service-id"] = $"{ConnectionSection}:ServiceId",
        ["--traffic"] = $"{ConnectionSection}:Traffic",
        ["--tls-ca"] = $"{ConnectionSection}:TlsCaFile",
        ["--tls-certificate"] = $"{ConnectionSection}:TlsCertificateFile",
        ["--tls-key"] = $"{ConnectionSection}:TlsKeyFile",
        ["--tls-server-name"] = $"{ConnectionSection}:TlsServerName",
        ["--identity-file"] = "Dashboard:IdentityFile",
        ["--token-file"] = "Dashboard:TokenFile",
        ["--urls"] = "Urls",
        ["--orleans-dashboard"] = "Dashboard:Orleans",
    };

    public static WebApplication Build(string[] args)
    {
        if (args.Any(a => a.Split('=', 2)[0].TrimStart('-', '/').Equals("Dashboard:Token", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("Dashboard:Token must not be given on the command line (any local user can read it there): use --token-file or R1_Dashboard__Token");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("R1_").AddCommandLine(args, Switches);
        var urls = builder.Configuration["Urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
        builder.WebHost.UseUrls(urls);
        var exposed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0 && !HasToken(builder.Configuration))
        {
            throw new ArgumentException(
                $"refusing to listen on {string.Join(", ", exposed)} without a token: configure dashboard users (Dashboard:Users) or a token (--token-file), or listen on loopback only (the default, {DefaultUrls})");
        }

        var connection = builder.Configuration.GetSection(ConnectionSection);
        builder.Services.AddRatio1Dashboard(builder.Configuration, session => Bind(connection, session), o => o.RequireToken |= exposed.Count > 0);
        var orleansDashboard = builder.Configuration.GetValue("Dashboard:Orleans", true);
        if (orleansDashboard)
        {
            // Orleans' dashboard resolves its grain factory once, at its first request; the middleware below has the
            // dashboard's session connected by then, so this never waits.
            builder.Services.AddOrleansDashboardOverSession(builder.Configuration, grainFactory: sp =>
                sp.GetRequiredService<Access.DashboardSessions>().ForDashboardAsync(CancellationToken.None).GetAwaiter().GetResult().Client);
        }

        var app = builder.Build();
        if (orleansDashboard)
        {
            app.UseWhen(c => c.Request.Path.StartsWithSegments(OrleansDashboardOverSession.RoutePrefix), branch => branch.Use(async (context, next) =>
            {
                await context.RequestServices.GetRequiredService<Access.DashboardSessions>().ForDashboardAsync(context.RequestAborted);
                await next(context);
            }));
            app.MapOrleansDashboardOverSession();
        }

        app.MapRatio1Dashboard();
        app.MapGet("/health/live", () => Results.Text("up"));
        return app;
    }

    private static void Bind(IConfigurationSection section, Ratio1SessionOptions options)
    {
        var gateways = section.GetSection(nameof(Ratio1SessionOptions.Gateways));
        var listed = gateways.GetChildren().Select(g => g.Value).OfType<string>().ToList();
        var single = gateways.Value;
        // Bound as is, a list would be added to the default gateway rather than replace it, and one string not split.
        section.Bind(options);
        if (listed.Count > 0)
        {
            options.Gateways = listed;
        }
        else if (single is not null)
        {
            options.Gateways = [.. single.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }
    }

    private static bool HasToken(IConfiguration configuration) =>
        configuration["Dashboard:TokenFile"] is { Length: > 0 } || configuration["Dashboard:Token"] is { Length: > 0 }
        || configuration.GetSection("Dashboard:Users").GetChildren().Any();

    private static bool IsLoopback(string url)
    {
        var host = BindingAddress.Parse(url).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
