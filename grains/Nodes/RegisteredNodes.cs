using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ratio1.Orleans.Contracts;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// What this silo knows of registered nodes without asking their grains on every deploy: that a node registered (a
/// registration is never undone, so a positive answer is kept) and the plugin signatures and capture types it offers
/// (kept a few seconds: a node restarted with other plugins re-registers). Both come from the node's stored
/// registration, so they are known on any silo, and while the node is offline.
/// </summary>
public sealed class RegisteredNodes(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan OfferKeptFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ImmutableArray<string> Signatures, DateTimeOffset ReadAt)> _signatures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (OfferedCaptureTypes Captures, DateTimeOffset ReadAt)> _captures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (OfferedPlugins Plugins, DateTimeOffset ReadAt)> _plugins = new(StringComparer.Ordinal);

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

    /// <summary>The signatures <paramref name="nodeId"/> registered, at most a few seconds old.</summary>
    public async ValueTask<ImmutableArray<string>> SignaturesAsync(string nodeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_signatures.TryGetValue(nodeId, out var cached) && now - cached.ReadAt < OfferKeptFor)
        {
            return cached.Signatures;
        }

        var signatures = await grains.GetNode(nodeId).GetSignaturesAsync(cancellationToken);
        _signatures[nodeId] = (signatures, now);
        return signatures;
    }

    /// <summary>The capture types <paramref name="nodeId"/> registered, with their rules, at most a few seconds old.</summary>
    public async ValueTask<OfferedCaptureTypes> CaptureTypesAsync(string nodeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_captures.TryGetValue(nodeId, out var cached) && now - cached.ReadAt < OfferKeptFor)
        {
            return cached.Captures;
        }

        var types = await grains.GetNode(nodeId).GetCaptureTypesAsync(cancellationToken);
        var captures = types is null ? OfferedCaptureTypes.Unknown : new OfferedCaptureTypes(types);
        _captures[nodeId] = (captures, now);
        return captures;
    }

    /// <summary>The plugins <paramref name="nodeId"/> registered, with their instance-key rules, at most a few seconds old.</summary>
    public async ValueTask<OfferedPlugins> PluginTypesAsync(string nodeId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_plugins.TryGetValue(nodeId, out var cached) && now - cached.ReadAt < OfferKeptFor)
        {
            return cached.Plugins;
        }

        var types = await grains.GetNode(nodeId).GetPluginTypesAsync(cancellationToken);
        var plugins = types is null ? OfferedPlugins.Unknown : new OfferedPlugins(types);
        _plugins[nodeId] = (plugins, now);
        return plugins;
    }
}
