using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// Writes the probes' answers as JSON. Statuses are <c>ok</c>, <c>degraded</c> or <c>unhealthy</c>. Descriptions pass
/// through <see cref="SecretMask"/>, and an exception a check threw is never written (its message may quote a connection
/// string): only its type.
/// </summary>
public static class HealthReportJson
{
    private const string ContentType = "application/json; charset=utf-8";

    // An API answer, never embedded in HTML: quotes and '+' stay readable instead of \u0027 and \u002B.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>/health/live</c>: the status and nothing else, since anyone may ask it.</summary>
    public static Task WriteLiveAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, static (_, _, _) => { });

    /// <summary><c>/health/ready</c>: the overall status, the node, then each check with its detail.</summary>
    public static Task WriteReadyAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, static (json, report, runtime) =>
    {
        WriteNode(json, runtime);
        json.WriteNumber("durationMs", Milliseconds(report.TotalDuration));
        WriteChecks(json, report);
    });

    /// <summary>
    /// <c>/health</c>, as before the probes were split: status, node, version, running pipelines and the storage's state
    /// (<c>ok</c>, <c>unreachable</c>, <c>failing</c>, with the reason when not ok), plus the checks it ran.
    /// </summary>
    public static Task WriteCompatibleAsync(HttpContext context, HealthReport report) => WriteAsync(context, report, static (json, report, runtime) =>
    {
        WriteNode(json, runtime);
        json.WriteStartObject("pipelines");
        foreach (var (name, version) in runtime.RunningPipelines)
        {
            json.WriteNumber(name, version);
        }

        json.WriteEndObject();
        if (report.Entries.TryGetValue(StorageHealthCheck.Name, out var storage))
        {
            var state = storage.Data.TryGetValue(StorageHealthCheck.StateKey, out var value) && value is string known
                ? known
                : storage.Status == HealthStatus.Healthy ? "ok" : "unreachable";
            json.WriteString("storage", state);
            if (storage.Status != HealthStatus.Healthy)
            {
                json.WriteString("reason", Describe(storage) ?? "no answer");
            }
        }

        WriteChecks(json, report);
    });

    // One JSON object: the status first, then what the endpoint adds.
    private static async Task WriteAsync(HttpContext context, HealthReport report, Action<Utf8JsonWriter, HealthReport, NodeRuntime> body)
    {
        context.Response.ContentType = ContentType;
        await using var json = new Utf8JsonWriter(context.Response.Body, Options);
        json.WriteStartObject();
        json.WriteString("status", Word(report.Status));
        body(json, report, context.RequestServices.GetRequiredService<NodeRuntime>());
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private static void WriteNode(Utf8JsonWriter json, NodeRuntime runtime)
    {
        json.WriteString("node", runtime.NodeId);
        json.WriteString("version", NodeRuntime.Version);
    }

    private static void WriteChecks(Utf8JsonWriter json, HealthReport report)
    {
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", Word(entry.Status));
            if (Describe(entry) is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteNumber("durationMs", Milliseconds(entry.Duration));
            if (entry.Exception is { } exception)
            {
                json.WriteString("error", exception.GetType().Name);
            }

            if (entry.Data.Count > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    WriteValue(json, key, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object value)
    {
        switch (value)
        {
            case bool flag:
                json.WriteBoolean(key, flag);
                break;
            case int number:
                json.WriteNumber(key, number);
                break;
            case long number:
                json.WriteNumber(key, number);
                break;
            case double number:
                json.WriteNumber(key, number);
                break;
            default:
                json.WriteString(key, SecretMask.Apply(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                break;
        }
    }

    // A check that threw has the exception's message as its description: masked like everything else.
    private static string? Describe(HealthReportEntry entry) =>
        entry.Description is { Length: > 0 } description ? SecretMask.Apply(description) : null;

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 1);

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
