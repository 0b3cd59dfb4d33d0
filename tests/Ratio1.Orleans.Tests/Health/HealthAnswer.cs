using System.Net;
using System.Text.Json;

namespace Ratio1.Orleans.Tests.Health;

/// <summary>One answer of a health endpoint: its status code and JSON body, with the status of each check by name.</summary>
internal sealed record HealthAnswer(HttpStatusCode Code, string Text)
{
    public JsonElement Body { get; } = JsonDocument.Parse(Text).RootElement;

    public string Status => Body.GetProperty("status").GetString()!;

    /// <summary>The check named <paramref name="name"/> in <c>checks</c>.</summary>
    public JsonElement Check(string name) =>
        Body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public string CheckStatus(string name) => Check(name).GetProperty("status").GetString()!;

    public static async Task<HealthAnswer> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return new HealthAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asks <paramref name="path"/> until <paramref name="until"/> holds; fails with the last answer after <paramref name="timeout"/>.</summary>
    public static async Task<HealthAnswer> WaitAsync(HttpClient http, string path, Func<HealthAnswer, bool> until, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var answer = await GetAsync(http, path);
            if (until(answer))
            {
                return answer;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{path} did not answer as expected within {timeout.TotalSeconds} s; last: {(int)answer.Code} {answer.Text}");
            }

            await Task.Delay(250);
        }
    }
}
