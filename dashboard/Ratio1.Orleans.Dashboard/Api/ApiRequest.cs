using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>Reads a request's query parameters and body, naming the field and value of anything that cannot be used.</summary>
public static class ApiRequest
{
    /// <summary>The largest request body read (a pipeline document is at most a few MiB; the session checks its own limit).</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>An optional integer query parameter.</summary>
    public static int? Integer(string field, string? text, int minimum = int.MinValue)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ApiInputException(field, Quote(text), minimum == int.MinValue ? "must be an integer" : $"must be an integer of at least {minimum}");
    }

    /// <summary>An optional boolean query parameter (<c>true</c>/<c>false</c>).</summary>
    public static bool? Boolean(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return bool.TryParse(text, out var value) ? value : throw new ApiInputException(field, Quote(text), "must be true or false");
    }

    /// <summary>The body as text (UTF-8).</summary>
    public static async Task<string> TextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge(request.ContentLength.Value);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge(buffer.Length + read);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The body as a JSON object (an empty body is an empty object).</summary>
    public static async Task<JsonElement> ObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = await TextAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonDocument.Parse("{}").RootElement;
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException e)
        {
            throw new ApiInputException("body", null, $"malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}");
        }

        return body.ValueKind == JsonValueKind.Object ? body : throw new ApiInputException("body", Shorten(body.GetRawText()), "must be a JSON object");
    }

    /// <summary>A property of a body object, or null when absent (or JSON null).</summary>
    public static JsonElement? Property(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>An integer property, or null when absent.</summary>
    public static int? Integer(JsonElement body, string field, int minimum = int.MinValue)
    {
        if (Property(body, field) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= minimum
            ? number
            : throw new ApiInputException(field, Shorten(value.GetRawText()), minimum == int.MinValue ? "must be an integer" : $"must be an integer of at least {minimum}");
    }

    /// <summary>A required integer property.</summary>
    public static int RequiredInteger(JsonElement body, string field, int minimum = int.MinValue) =>
        Integer(body, field, minimum) ?? throw new ApiInputException(field, null, "is required");

    /// <summary>A required boolean property.</summary>
    public static bool RequiredBoolean(JsonElement body, string field) => Property(body, field) switch
    {
        null => throw new ApiInputException(field, null, "is required"),
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } other => throw new ApiInputException(field, Shorten(other.GetRawText()), "must be true or false"),
    };

    private static OverLimitException TooLarge(long size) =>
        new("the request body", size, MaxBodyBytes, "bytes", "the dashboard API's body limit");

    private static string Quote(string text) => JsonSerializer.Serialize(Shorten(text));

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}
