using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Dashboard.Host;

/// <summary>
/// <c>dotnet run --project dashboard/Ratio1.Orleans.Dashboard.Host -- --gateway 127.0.0.1:30000 [--urls http://127.0.0.1:8088]</c>:
/// the dashboard as an Orleans client of the cluster (docs/dashboard.md, "Its own process").
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            await using var app = StandaloneDashboard.Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or OptionsValidationException or Client.Ratio1ConnectionException)
        {
            // The setting and what is wrong with it; never a token (the messages do not hold one).
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }
}
