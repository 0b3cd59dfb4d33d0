using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>Which allow-list decides a call: the node its target grain belongs to, or the fleet (<c>*</c>).</summary>
public static class CallScope
{
    public static string Of(Type contract, GrainId target)
    {
        var key = target.Key.ToString() ?? string.Empty;
        if (contract == typeof(IPipelineGrain))
        {
            return GrainKeys.ParsePipeline(key).Node;
        }

        if (contract == typeof(INodeGrain))
        {
            return GrainKeys.ParseNode(key);
        }

        if (contract == typeof(IPluginInstanceGrain))
        {
            return GrainKeys.ParseInstance(key).Node;
        }

        if (contract == typeof(IAccessGrain))
        {
            return GrainKeys.ParseAccess(key);
        }

        return contract.Name == "IPubSubRendezvousGrain" ? OfStream(key) : GrainKeys.FleetScope;
    }

    /// <summary>The node of a traffic stream, from the pub-sub grain's key (<c>provider/namespace/key</c>): fleet when it is not one of ours.</summary>
    private static string OfStream(string key)
    {
        foreach (var ns in (ReadOnlySpan<string>)[TrafficStreams.PayloadNamespace, TrafficStreams.NotificationNamespace, TrafficStreams.HeartbeatNamespace])
        {
            var at = key.IndexOf(ns + "/", StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = key[(at + ns.Length + 1)..];
                var slash = rest.IndexOf('/');
                return slash < 0 ? rest : rest[..slash];
            }
        }

        return GrainKeys.FleetScope;
    }
}
