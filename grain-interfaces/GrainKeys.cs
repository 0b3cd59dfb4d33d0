using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Contracts;

/// <summary>
/// Grain keys. Each starts with a word and a colon: the ADO.NET storage reads a key made only of hex digits as a
/// number (so "cafe" and "0cafe" would share a row); a prefix outside 0-9a-f keeps every key a string key.
/// Parts are separated by '/', which no identifier may contain.
/// </summary>
public static class GrainKeys
{
    /// <summary>The one fleet grain.</summary>
    public const string Fleet = "fleet:all";

    /// <summary>The fleet-wide allow-list (the default of every node).</summary>
    public const string FleetAccess = AccessPrefix + FleetScope;

    /// <summary>The scope name of the fleet-wide allow-list.</summary>
    public const string FleetScope = "*";

    private const string AccessPrefix = "access:";
    private const string NodePrefix = "node:";
    private const string PipelineKeyPrefix = "pipeline:";
    private const string InstancePrefix = "instance:";

    public static string Node(string nodeId) => NodePrefix + Identifiers.RequireNodeId(nodeId);

    public static string Pipeline(string nodeId, string pipeline) =>
        $"{PipelineKeyPrefix}{Identifiers.RequireNodeId(nodeId)}/{Identifiers.RequirePipelineName(pipeline)}";

    /// <summary>The start shared by the keys of every pipeline of <paramref name="nodeId"/>.</summary>
    public static string PipelinePrefix(string nodeId) => $"{PipelineKeyPrefix}{Identifiers.RequireNodeId(nodeId)}/";

    public static string Instance(string nodeId, string pipeline, string signature, string instanceId) =>
        $"{InstancePrefix}{Identifiers.RequireNodeId(nodeId)}/{Identifiers.RequirePipelineName(pipeline)}/{Identifiers.RequireSignature(signature)}/{Identifiers.RequireInstanceId(instanceId)}";

    /// <summary>The allow-list of one node.</summary>
    public static string Access(string nodeId) => AccessPrefix + Identifiers.RequireNodeId(nodeId);

    /// <summary>The scope of an allow-list key: a node id, or <see cref="FleetScope"/>.</summary>
    public static string ParseAccess(string key) => Parts(key, AccessPrefix, 1)[0];

    public static string ParseNode(string key) => Parts(key, NodePrefix, 1)[0];

    public static (string Node, string Pipeline) ParsePipeline(string key)
    {
        var parts = Parts(key, PipelineKeyPrefix, 2);
        return (parts[0], parts[1]);
    }

    public static (string Node, string Pipeline, string Signature, string InstanceId) ParseInstance(string key)
    {
        var parts = Parts(key, InstancePrefix, 4);
        return (parts[0], parts[1], parts[2], parts[3]);
    }

    private static string[] Parts(string key, string prefix, int count)
    {
        var parts = key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..].Split('/') : [];
        return parts.Length == count ? parts : throw new ArgumentException($"'{key}' is not a {prefix.TrimEnd(':')} grain key.", nameof(key));
    }
}
