using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// The node's memory traffic streams: Orleans' persistent-stream machinery (queues mapped from streams, a pulling agent
/// per queue, pub/sub) over our own bounded parts, where Orleans' memory provider would keep every message read for
/// 5 to 30 minutes and queue up to 16,384 batches of any size. A batch is serialized once, here, and stays bytes until a
/// subscriber reads it: queues (<see cref="TrafficQueueGrain"/>) and caches (<see cref="TrafficQueueCache"/>) are
/// bounded by those bytes, and what they cannot hold is counted in the <see cref="TrafficLedger"/>.
/// </summary>
public sealed class TrafficQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapter, IQueueAdapterCache
{
    // Publishers pack batches within one message's limit by estimate; the exact size may be a little over.
    private const int BatchSlack = 64 * 1024;

    private readonly TrafficOptions _options;
    private readonly IGrainFactory _grains;
    private readonly Serializer _serializer;
    private readonly TrafficLedger _ledger;
    private readonly TrafficQueueDoorbells _doorbells;
    private readonly TimeProvider _time;
    private readonly HashRingBasedStreamQueueMapper _mapper;
    private readonly IStreamFailureHandler _failures = new NoOpStreamDeliveryFailureHandler();

    public TrafficQueueAdapterFactory(string name, TrafficOptions options, HashRingStreamQueueMapperOptions queues, IGrainFactory grains,
        Serializer serializer, TrafficLedger ledger, TrafficQueueDoorbells doorbells, TimeProvider time)
    {
        _doorbells = doorbells;
        Name = name;
        _options = options;
        _grains = grains;
        _serializer = serializer;
        _ledger = ledger;
        _time = time;
        _mapper = new HashRingBasedStreamQueueMapper(queues, name);
    }

    public string Name { get; }

    // The caches keep messages only until they are delivered (or bounded out): there is nothing to rewind to.
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <summary>Creates the factory of the provider <paramref name="name"/> (what <c>AddPersistentStreams</c> calls).</summary>
    public static TrafficQueueAdapterFactory Create(IServiceProvider services, string name) => new(
        name,
        services.GetRequiredService<IOptions<TrafficOptions>>().Value,
        services.GetRequiredService<IOptionsMonitor<HashRingStreamQueueMapperOptions>>().Get(name),
        services.GetRequiredService<IGrainFactory>(),
        services.GetRequiredService<Serializer>(),
        services.GetRequiredService<TrafficLedger>(),
        services.GetRequiredService<TrafficQueueDoorbells>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System);

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(this);

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult(_failures);

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new TrafficQueueReceiver(Queue(queueId), _doorbells.Of(QueueKey(queueId)), TimeSpan.FromMilliseconds(_options.IdlePollingPeriodMs), _time);

    public IQueueCache CreateQueueCache(QueueId queueId) => new TrafficQueueCache(_options, _ledger, _time);

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        object[] messages = [.. events.Cast<object>()];
        var body = _serializer.SerializeToArray(messages);
        if (body.Length > _options.MaxMessageBytes + BatchSlack)
        {
            throw new TrafficBatchTooLargeException(body.Length, messages.Length);
        }

        var queue = _mapper.GetQueueForStream(streamId);
        if (!await Queue(queue).EnqueueAsync(new TrafficBatch(streamId, 0, KindOf(typeof(T)), messages.Length, body, _serializer)))
        {
            throw new TrafficQueueFullException(queue.ToString());
        }
    }

    private ITrafficQueueGrain Queue(QueueId queue) => _grains.GetGrain<ITrafficQueueGrain>(QueueKey(queue));

    private string QueueKey(QueueId queue) => $"{Name}/{queue}";

    private static MessageKind KindOf(Type type) =>
        type == typeof(Notification) ? MessageKind.Notification : type == typeof(Heartbeat) ? MessageKind.Heartbeat : MessageKind.Payload;
}
