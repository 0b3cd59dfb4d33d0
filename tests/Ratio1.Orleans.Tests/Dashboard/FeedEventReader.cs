using System.Text;
using System.Text.Json;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>One server-sent event as a browser's EventSource sees it.</summary>
public sealed record FeedEvent(string Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// Reads server-sent events from a response stream the way EventSource does (<c>event:</c>, <c>data:</c>, a blank line
/// ends an event, <c>:</c> lines are comments). Shared with <c>bench dashboard</c>.
/// </summary>
public sealed class FeedEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Comments (<c>: keep-alive</c>) seen so far.</summary>
    public int Comments { get; private set; }

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<FeedEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        StringBuilder? data = null;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new FeedEvent(name ?? "message", data.ToString());
                }

                name = null;
                continue;
            }

            if (line[0] == ':')
            {
                Comments++;
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                (data ??= new StringBuilder()).Append(data.Length > 0 ? "\n" : string.Empty).Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
        }

        return null;
    }

    /// <summary>Reads until an event satisfies <paramref name="done"/> (returned last) or <paramref name="timeout"/> passes (throws).</summary>
    public async Task<List<FeedEvent>> ReadUntilAsync(Func<FeedEvent, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        List<FeedEvent> read = [];
        while (await ReadAsync(cancel.Token) is { } next)
        {
            read.Add(next);
            if (done(next))
            {
                return read;
            }
        }

        throw new EndOfStreamException($"The feed ended after {read.Count} events.");
    }

    /// <summary>Opens <paramref name="address"/> as an event stream.</summary>
    public static async Task<(HttpResponseMessage Response, FeedEventReader Reader)> OpenAsync(HttpClient http, Uri address, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (response, new FeedEventReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    public void Dispose() => _reader.Dispose();
}
