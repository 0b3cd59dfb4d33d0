using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>
/// The nonces of the signed requests this silo accepted within the replay window, so a captured request sent again
/// is refused. Entries leave once older than the window (a request that old is refused on its time anyway).
/// </summary>
public sealed class NonceLedger(IOptions<SecurityOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Sender, string Nonce), long> _seen = new();
    private readonly long _windowMs = options.Value.ReplayWindowSeconds * 1000L;
    private readonly int _capacity = options.Value.MaxRememberedNonces;
    private long _nextSweepMs;

    /// <summary>Records a nonce; false when it was already used (a replay) or the ledger is full.</summary>
    public bool TryUse(string sender, string nonce, long signedAtMs, out bool full)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= Interlocked.Read(ref _nextSweepMs) || _seen.Count >= _capacity)
        {
            Sweep(now);
        }

        full = _seen.Count >= _capacity;
        return !full && _seen.TryAdd((sender, nonce), Math.Max(signedAtMs, now) + _windowMs);
    }

    private void Sweep(long now)
    {
        Interlocked.Exchange(ref _nextSweepMs, now + Math.Max(1000, _windowMs / 4));
        foreach (var entry in _seen)
        {
            if (entry.Value <= now)
            {
                _seen.TryRemove(entry);
            }
        }
    }
}
