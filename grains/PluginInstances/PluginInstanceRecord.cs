using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Grains.PluginInstances;

/// <summary>Stored state of a plugin instance grain: the last status its node reported.</summary>
public sealed class PluginInstanceRecord
{
    [JsonPropertyName("status")]
    public StoredStatus? Status { get; set; }

    /// <summary>Stored form of <see cref="PluginInstanceStatus"/>, with names of its own so the wire type can evolve.</summary>
    public sealed record StoredStatus(
        [property: JsonPropertyName("state")] PluginInstanceState State,
        [property: JsonPropertyName("reportedAt")] DateTimeOffset ReportedAt,
        [property: JsonPropertyName("configVersion")] int ConfigVersion,
        [property: JsonPropertyName("executions")] long ExecutionCount,
        [property: JsonPropertyName("payloads")] long PayloadCount,
        [property: JsonPropertyName("lastError")] string? LastError,
        [property: JsonPropertyName("lastErrorAt")] DateTimeOffset? LastErrorAt)
    {
        public static StoredStatus From(PluginInstanceStatus s) =>
            new(s.State, s.ReportedAt, s.ConfigVersion, s.ExecutionCount, s.PayloadCount, s.LastError, s.LastErrorAt);

        public PluginInstanceStatus ToStatus() =>
            new(State, ReportedAt, ConfigVersion, ExecutionCount, PayloadCount, LastError, LastErrorAt);
    }
}
