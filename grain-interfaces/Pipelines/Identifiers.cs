using System.Text.RegularExpressions;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// Rules for the names that identify nodes, pipelines, plugin signatures and instances. They become parts of grain
/// keys and storage rows, so '/' and whitespace are excluded everywhere.
/// </summary>
public static partial class Identifiers
{
    /// <summary>Longest node id accepted.</summary>
    public const int MaxNodeIdLength = 64;
    /// <summary>Longest pipeline name, signature or instance id accepted.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Why <paramref name="nodeId"/> is not a valid node id, or null when it is.</summary>
    public static string? CheckNodeId(string? nodeId) =>
        Check(nodeId, MaxNodeIdLength, NodeIdPattern(), "letters, digits and '_', '-', '.', ':', '@', starting with a letter or digit");

    /// <summary>Why <paramref name="name"/> is not a valid pipeline NAME, or null when it is.</summary>
    public static string? CheckPipelineName(string? name) =>
        Check(name, MaxNameLength, NamePattern(), "letters, digits and '_', '-', '.', starting with a letter, digit or '_'");

    /// <summary>Why <paramref name="signature"/> is not a valid plugin SIGNATURE, or null when it is.</summary>
    public static string? CheckSignature(string? signature) =>
        Check(signature, MaxNameLength, SignaturePattern(), "upper-snake: letters, digits and '_', starting with a letter (e.g. SENSOR_THRESHOLD_01)");

    /// <summary>Why <paramref name="type"/> is not a valid capture <c>TYPE</c> name for a source to declare, or null when it is.</summary>
    public static string? CheckCaptureType(string? type) =>
        Check(type, MaxNameLength, CaptureTypePattern(), "letters, digits and '_', starting with a letter (e.g. VideoStream)");

    /// <summary>Why <paramref name="instanceId"/> is not a valid INSTANCE_ID, or null when it is.</summary>
    public static string? CheckInstanceId(string? instanceId) =>
        Check(instanceId, MaxNameLength, InstanceIdPattern(), "letters, digits and '_', '-', '.', ':', starting with a letter, digit or '_'");

    /// <summary>Throws <see cref="InvalidConfigException"/> naming <paramref name="field"/> when the node id is invalid.</summary>
    public static string RequireNodeId(string? nodeId, string field = "node") => Require(nodeId, CheckNodeId(nodeId), field);

    /// <summary>Throws <see cref="InvalidConfigException"/> naming <paramref name="field"/> when the pipeline name is invalid.</summary>
    public static string RequirePipelineName(string? name, string field = "NAME") => Require(name, CheckPipelineName(name), field);

    /// <summary>Upper-cases and checks a signature; throws <see cref="InvalidConfigException"/> when invalid.</summary>
    public static string RequireSignature(string? signature, string field = "SIGNATURE")
    {
        var normalized = NormalizeSignature(signature);
        return Require(normalized, CheckSignature(normalized), field, signature);
    }

    /// <summary>Throws <see cref="InvalidConfigException"/> naming <paramref name="field"/> when the instance id is invalid.</summary>
    public static string RequireInstanceId(string? instanceId, string field = "INSTANCE_ID") => Require(instanceId, CheckInstanceId(instanceId), field);

    /// <summary>Signatures are upper-snake in Ratio1 and matched case-insensitively; we store them upper-case.</summary>
    public static string? NormalizeSignature(string? signature) => signature?.Trim().ToUpperInvariant();

    private static string Require(string? value, string? problem, string field, string? original = null)
    {
        if (problem is null)
        {
            return value!;
        }

        var shown = original ?? value;
        throw new InvalidConfigException(field, shown is null ? null : Quote(shown), problem);
    }

    private static string? Check(string? value, int maxLength, Regex pattern, string allowed)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }

        if (Config.StorableText.Check(value) is { } text)
        {
            return text;
        }

        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters long";
        }

        return pattern.IsMatch(value) ? null : $"may only contain {allowed}";
    }

    private static string Quote(string value) =>
        Config.StorableText.FindUnpairedSurrogate(value) >= 0 ? Config.JsonStrings.Quote(value) : System.Text.Json.JsonSerializer.Serialize(value);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.:@\-]*\z")]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*\z")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.:\-]*\z")]
    private static partial Regex InstanceIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*\z")]
    private static partial Regex CaptureTypePattern();
}
