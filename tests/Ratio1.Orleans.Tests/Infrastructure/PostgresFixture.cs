using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Infrastructure;

/// <summary>One private PostgreSQL cluster (initdb/pg_ctl on a free port) shared by a test collection; each test makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
