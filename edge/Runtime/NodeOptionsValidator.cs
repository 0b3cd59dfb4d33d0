using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>Checks the <c>Node</c> section; each failure names its switch or key and the value.</summary>
public sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(NodeOptions options)
    {
        var id = options.ResolveId();
        if (Contracts.Pipelines.Identifiers.CheckNodeId(id) is { } idProblem)
        {
            yield return $"--node-id (Node:Id) '{id}' {idProblem}";
        }

        if (options.Alias is { Length: > NodeOptions.MaxAliasLength } alias)
        {
            yield return $"--alias (Node:Alias) '{alias}' is {alias.Length} characters long; at most {NodeOptions.MaxAliasLength} are allowed";
        }

        if (options.SecondsHeartbeat is < 1 or > 3600)
        {
            yield return $"Node:SecondsHeartbeat {options.SecondsHeartbeat} must be between 1 and 3600";
        }

        if (options.InstanceStatusSeconds is < 1 or > 86400)
        {
            yield return $"Node:InstanceStatusSeconds {options.InstanceStatusSeconds} must be between 1 and 86400";
        }

        if (options.ReconcileSeconds is < 1 or > 86400)
        {
            yield return $"Node:ReconcileSeconds {options.ReconcileSeconds} must be between 1 and 86400";
        }

        if (options.PluginFolder is { Length: > 0 } folder && !Directory.Exists(folder))
        {
            yield return $"--plugin-folder (Node:PluginFolder) '{folder}' does not exist";
        }

        foreach (var host in options.CaptureHosts)
        {
            if (Contracts.Reach.HostAllowList.CheckEntry(host) is { } problem)
            {
                yield return $"--capture-hosts (Node:CaptureHosts) {problem}";
            }
        }
    }
}
