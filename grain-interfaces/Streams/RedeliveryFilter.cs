using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Lets each message of a stream through once and in order per sender: a durable provider (ADO.NET) delivers at least
/// once, so after a silo restart a client may be handed again what it already had. A node numbers every message it
/// sends with one increasing sequence (kept increasing across its restarts), so per path (node, pipeline, signature,
/// instance; heartbeats and node notifications have only the node) a message whose sequence is at or below the last
/// one let through is a redelivery, and is skipped. Memory is bounded: beyond <c>capacity</c> paths, the quarter seen
/// least recently are forgotten (a redelivery for a forgotten path would pass again).
/// </summary>
public sealed class RedeliveryFilter
{
    /// <summary>Paths remembered by default: far more instances than a fleet streams to one subscriber.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Dictionary<MessagePath, Last> _last = [];
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private long _clock;
    private long _skipped;

    /// <param name="capacity">How many paths to remember at most.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public RedeliveryFilter(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Messages skipped so far as redeliveries.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Paths remembered now.</summary>
    public int Paths
    {
        get
        {
            lock (_lock)
            {
                return _last.Count;
            }
        }
    }

    /// <summary>
    /// Whether a message with <paramref name="envelope"/> is new and is to be delivered (and from now on the last of its
    /// path), or a redelivery to skip. A message without an envelope is always let through.
    /// </summary>
    public bool Admit(MessageEnvelope? envelope)
    {
        if (envelope is null)
        {
            return true;
        }

        var path = new MessagePath(envelope.NodeId, envelope.Pipeline, envelope.Signature, envelope.InstanceId);
        lock (_lock)
        {
            var now = ++_clock;
            if (_last.TryGetValue(path, out var last) && envelope.Sequence <= last.Sequence)
            {
                _last[path] = last with { Seen = now };
                Interlocked.Increment(ref _skipped);
                return false;
            }

            _last[path] = new Last(envelope.Sequence, now);
            if (_last.Count > _capacity)
            {
                ForgetLeastRecent();
            }

            return true;
        }
    }

    /// <summary>The envelope of a traffic message (payload, notification, heartbeat); null for anything else.</summary>
    public static MessageEnvelope? EnvelopeOf(object? message) => message switch
    {
        Payload payload => payload.Envelope,
        Notification notification => notification.Envelope,
        Heartbeat heartbeat => heartbeat.Envelope,
        _ => null,
    };

    // Amortized: a sort of the paths once per capacity/4 new paths.
    private void ForgetLeastRecent()
    {
        var forget = Math.Max(1, _last.Count / 4);
        foreach (var path in _last.OrderBy(p => p.Value.Seen).Take(forget).Select(p => p.Key).ToList())
        {
            _last.Remove(path);
        }
    }

    private readonly record struct MessagePath(string NodeId, string? Pipeline, string? Signature, string? InstanceId);

    private readonly record struct Last(long Sequence, long Seen);
}
