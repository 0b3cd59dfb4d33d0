using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Providers;
using Orleans.Streams;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Edge.Traffic.Durable;
using Ratio1.Orleans.Edge.Traffic.Queues;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Edge.Hosting;

public static class SiloBuilderTrafficExtensions
{
    /// <summary>
    /// Registers the stream provider that carries the node's traffic (<see cref="TrafficStreams.ProviderName"/>) and
    /// the account of what it carries (<see cref="TrafficLedger"/>): bounded memory queues (<see cref="TrafficQueueAdapterFactory"/>),
    /// or Orleans' ADO.NET streams on the silo's PostgreSQL database (whose schema holds our stream tables and query
    /// texts), with the configured number of queues and pulling period.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="traffic"/> is invalid with <paramref name="storage"/> (ADO.NET streams without PostgreSQL, ...).</exception>
    public static ISiloBuilder AddRatio1Traffic(this ISiloBuilder silo, TrafficOptions traffic, StorageOptions storage)
    {
        var problems = traffic.Problems(storage.Provider).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid settings:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)));
        }

        silo.Services.Replace(ServiceDescriptor.Singleton(Options.Create(traffic)));
        silo.Services.TryAddSingleton<TrafficLedger>();
        silo.Services.TryAddSingleton<TrafficQueueDoorbells>();
        var queues = traffic.ResolveQueues();
        var period = TimeSpan.FromMilliseconds(traffic.PullingPeriodMs);
        if (traffic.Provider == TrafficProvider.AdoNet)
        {
            // Its own small pool: the pulling agents hold one connection per queue, the publisher one per lane.
            var connectionString = PostgresConnectionStrings.WithPoolLimit(storage.ResolveConnectionString(), Math.Max(4, storage.MaxPoolSize / 5));
            silo.AddAdoNetStreams(TrafficStreams.ProviderName, streams =>
            {
                streams.ConfigureAdoNet(ob => ob.Configure(o =>
                {
                    o.Invariant = StorageNames.PostgresInvariant;
                    o.ConnectionString = connectionString;
                }));
                streams.ConfigurePartitioning(queues);
                // Orleans' cache counts batches, not bytes: the publisher keeps each batch within one message's limit.
                streams.ConfigureCache(traffic.AdoNetCacheBatches());
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = period));
            });
            TakeOverQueuesInOrder(silo.Services, connectionString, TimeSpan.FromMilliseconds(traffic.AdoNetResumeDelayMs));
        }
        else
        {
            silo.AddPersistentStreams(TrafficStreams.ProviderName, TrafficQueueAdapterFactory.Create, streams =>
            {
                streams.Configure<HashRingStreamQueueMapperOptions>(ob => ob.Configure(o => o.TotalQueueCount = queues));
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = period));
                // Reads and deliveries resume within seconds of a silo's death, not Orleans' 10 to 30 s of backoff.
                streams.ConfigureBackoffProvider((_, _) => (IQueueReaderBackoffProvider)TrafficBackoff.Default);
                streams.ConfigureBackoffProvider((_, _) => (IMessageDeliveryBackoffProvider)TrafficBackoff.Default);
            });
        }

        return silo;
    }

    // Orleans registers the provider's queue adapter factory by the provider's name; ours wraps it (AdoNetQueueTakeover).
    private static void TakeOverQueuesInOrder(IServiceCollection services, string connectionString, TimeSpan resumeDelay)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IQueueAdapterFactory) && Equals(d.ServiceKey, TrafficStreams.ProviderName))
            ?? throw new InvalidOperationException($"Orleans' ADO.NET streams registered no queue adapter factory for '{TrafficStreams.ProviderName}'.");
        var create = registered.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"Orleans' ADO.NET streams registered the queue adapter factory of '{TrafficStreams.ProviderName}' in an unexpected way.");
        services.Remove(registered);
        services.AddKeyedSingleton<IQueueAdapterFactory>(TrafficStreams.ProviderName, (sp, key) => new AdoNetQueueTakeover(
            (IQueueAdapterFactory)create(sp, key),
            connectionString,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            resumeDelay,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<AdoNetQueueTakeover>>()));
    }
}
