using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Ratio1.Orleans.Storage.Catalog;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Health;
using Orleans.Configuration;
using Orleans.Storage;
using Ratio1.Orleans.Storage.Schema;
using Ratio1.Orleans.Storage.Serialization;
using Ratio1.Orleans.Storage.Sqlite;

namespace Ratio1.Orleans.Storage.Hosting;

public static class SiloBuilderStorageExtensions
{
    /// <summary>
    /// Registers the platform's grain storage (<see cref="StorageNames.State"/>) on SQLite or PostgreSQL through
    /// Orleans' ADO.NET provider with our schema and query texts, the versioned state serializer, the stream
    /// pub/sub store, and the schema check that runs before the silo starts.
    /// </summary>
    public static ISiloBuilder AddRatio1Storage(this ISiloBuilder silo, StorageOptions options)
    {
        var connectionString = options.Provider == StorageProvider.Postgres
            ? PostgresConnectionStrings.WithPoolLimit(options.ResolveConnectionString(), options.MaxPoolSize)
            : options.ResolveConnectionString();

        silo.Services.AddSingleton(options);
        silo.Services.TryAddSingleton<StateContractRegistry>();
        silo.Services.TryAddSingleton<VersionedStateSerializer>();
        silo.Services.Replace(ServiceDescriptor.Singleton<IGrainStorageSerializer>(sp => sp.GetRequiredService<VersionedStateSerializer>()));
        silo.Services.TryAddSingleton<SchemaMigrator>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaLifecycleParticipant>();

        // One pool of SQLite connections for every provider of this silo.
        var sqlite = options.Provider == StorageProvider.Sqlite ? new SqliteConnectionSource(connectionString) : null;
        // Created by the container, so it is disposed with the silo (and its PostgreSQL pool closed).
        silo.Services.AddSingleton(sp => new PipelineCatalog(
            options.Provider,
            sqlite ?? (System.Data.Common.DbDataSource)NpgsqlDataSource.Create(PostgresConnectionStrings.WithPoolLimit(connectionString, Math.Max(4, options.MaxPoolSize / 5))),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        void Configure(AdoNetGrainStorageOptions o, VersionedStateSerializer serializer)
        {
            if (sqlite is not null)
            {
                o.Invariant = StorageNames.SqliteInvariant;
                o.DataSource = sqlite;
            }
            else
            {
                o.Invariant = StorageNames.PostgresInvariant;
                o.ConnectionString = connectionString;
            }

            o.GrainStorageSerializer = serializer;
            // Deleted pipelines leave no rows behind.
            o.DeleteStateOnClear = true;
        }

        silo.Services.AddSingleton(_ => new StorageProbe(options, sqlite));
        if (sqlite is not null)
        {
            silo.Services.AddSingleton(sqlite);
            silo.Services.AddHostedService<SqliteCheckpointService>();
        }

        silo.AddAdoNetGrainStorage(StorageNames.State, ob => ob.Configure<VersionedStateSerializer>(Configure));
        WithTypedFailures(silo.Services, StorageNames.State);
        if (options.Provider == StorageProvider.Postgres)
        {
            // Several silos share subscriptions, so they must be durable.
            silo.AddAdoNetGrainStorage(StorageNames.PubSub, ob => ob.Configure<VersionedStateSerializer>(Configure));
            WithTypedFailures(silo.Services, StorageNames.PubSub);
        }
        else
        {
            // A single silo: subscriptions live and die with it (clients re-subscribe when they reconnect).
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
        }

        return silo;
    }

    // Replaces the provider Orleans registered under this name with the same provider behind TypedFailureGrainStorage.
    private static void WithTypedFailures(IServiceCollection services, string name)
    {
        services.RemoveAllKeyed<IGrainStorage>(name);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new TypedFailureGrainStorage(AdoNetGrainStorageFactory.Create(sp, name)));
    }

    /// <summary>Uses the PostgreSQL membership table for clustering (cluster mode).</summary>
    public static ISiloBuilder UseRatio1PostgresClustering(this ISiloBuilder silo, StorageOptions options) =>
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = StorageNames.PostgresInvariant;
            o.ConnectionString = PostgresConnectionStrings.WithPoolLimit(options.ResolveConnectionString(), Math.Max(4, options.MaxPoolSize / 5));
        });
}
