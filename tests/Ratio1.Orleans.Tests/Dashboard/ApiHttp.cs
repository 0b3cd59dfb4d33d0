using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>Calls the dashboard's JSON API over HTTP as a script would: optionally with a bearer token.</summary>
public sealed class ApiHttp(Uri address, string? token = null) : IDisposable
{
    private readonly HttpClient _http = Create(address, token);

    public Task<ApiAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<ApiAnswer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<ApiAnswer> PostAsync(string path, string? json) => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> RawAsync(HttpRequestMessage request) => _http.SendAsync(request);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiAnswer(response.StatusCode, body, text);
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri address, string? token)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}

/// <summary>An API answer: status, JSON body (default when empty) and the raw text.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body, string Text)
{
    public string? Str(string property) => Body.GetProperty(property).GetString();
}
