using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// What this silo knows of registered nodes without asking their grains on every deploy: that a node registered (a
/// registration is never undone, so a positive answer is kept) and what it offers (kept a few seconds: a node
/// restarted with other plugins re-registers). Both come from the node's stored registration, so they are known on
/// any silo, and while the node is offline.
/// </summary>
public sealed class RegisteredNodes(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan OfferKeptFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (OfferedByNode Offer, DateTimeOffset ReadAt)> _offers = new(StringComparer.Ordinal);

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

    /// <summary>What <paramref name="nodeId"/> registered it offers, with its rules, at most a few seconds old (one grain call).</summary>
    public async ValueTask<OfferedByNode> OfferAsync(string nodeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_offers.TryGetValue(nodeId, out var cached) && now - cached.ReadAt < OfferKeptFor)
        {
            return cached.Offer;
        }

        var offer = new OfferedByNode(await grains.GetNode(nodeId).GetOfferAsync(cancellationToken));
        _offers[nodeId] = (offer, now);
        return offer;
    }
}
