using Microsoft.Playwright;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// Headless Debian <c>chromium</c> driven by Playwright (its driver ships in the NuGet package; no browser is
/// downloaded). Pages open at 1280x800. Without chromium the tests fail, naming the package to install: they are never
/// skipped (<c>./test.sh</c> installs it).
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>The chromium executable on the PATH, or null.</summary>
    public static string? FindChromium() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => new[] { Path.Combine(folder, "chromium"), Path.Combine(folder, "chromium-browser") })
            .FirstOrDefault(File.Exists);

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        var executable = FindChromium() ?? throw new InvalidOperationException(
            "The dashboard's browser tests drive Debian's chromium, and no chromium is on the PATH: install it with " +
            "`apt-get install -y chromium` (./test.sh does this), then run the tests again.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
            return new DashboardBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page (own cookies and session storage) on <paramref name="baseAddress"/>, 1280x800.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = colorScheme,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
