using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// Which nodes have registered, as seen from this silo. A registration is never undone, so a positive answer is
/// kept for the silo's lifetime and creating a pipeline on a known node costs no extra grain call.
/// </summary>
public sealed class RegisteredNodes(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsRegisteredAsync(string nodeId, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(nodeId))
        {
            return true;
        }

        if (!await grains.GetNode(nodeId).IsRegisteredAsync(cancellationToken))
        {
            return false;
        }

        _known.TryAdd(nodeId, true);
        return true;
    }
}
