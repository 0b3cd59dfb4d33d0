using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Messages of one traffic stream that travel together through the node's bounded traffic queues: the events are
/// kept serialized, so what a queue or cache holds is exactly <see cref="Body"/>'s length and a subscriber pays for
/// deserialization only when it reads them. Clients receive it as is (hence a contract), so it must stay compatible.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.traffic-batch")]
[SerializationCallbacks(typeof(OnDeserializedCallbacks))]
public sealed class TrafficBatch : IBatchContainer, IOnDeserialized
{
    [NonSerialized]
    private Serializer? _serializer;

    [NonSerialized]
    private object[]? _events;

    /// <summary>A batch of <paramref name="messageCount"/> messages serialized into <paramref name="body"/> by <paramref name="serializer"/>.</summary>
    public TrafficBatch(StreamId streamId, long sequence, MessageKind kind, int messageCount, byte[] body, Serializer serializer)
    {
        StreamId = streamId;
        Sequence = sequence;
        Kind = kind;
        MessageCount = messageCount;
        Body = body;
        _serializer = serializer;
    }

    /// <summary>The stream the messages belong to.</summary>
    [Id(0)]
    public StreamId StreamId { get; private set; }

    /// <summary>Its position in its queue, set by the queue (increasing).</summary>
    [Id(1)]
    public long Sequence { get; private set; }

    /// <summary>What the messages are.</summary>
    [Id(2)]
    public MessageKind Kind { get; private set; }

    /// <summary>How many messages <see cref="Body"/> holds.</summary>
    [Id(3)]
    public int MessageCount { get; private set; }

    /// <summary>The messages, as an Orleans-serialized <c>object[]</c>.</summary>
    [Id(4)]
    public byte[] Body { get; private set; }

    /// <inheritdoc />
    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Sequence);

    /// <summary>The same messages at position <paramref name="sequence"/> of a queue.</summary>
    public TrafficBatch At(long sequence) => new(StreamId, sequence, Kind, MessageCount, Body, _serializer!) { _events = _events };

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var events = _events ??= (_serializer ?? throw new InvalidOperationException("A traffic batch can only be read once deserialized.")).Deserialize<object[]>(Body) ?? [];
        var token = new EventSequenceTokenV2(Sequence);
        return events.Select((e, i) => (e, i)).Where(x => x.e is T).Select(x => Tuple.Create((T)x.e, (StreamSequenceToken)token.CreateSequenceTokenForEvent(x.i)));
    }

    /// <inheritdoc />
    public bool ImportRequestContext() => false;

    void IOnDeserialized.OnDeserialized(DeserializationContext context) =>
        _serializer = context.ServiceProvider.GetRequiredService<Serializer>();
}
