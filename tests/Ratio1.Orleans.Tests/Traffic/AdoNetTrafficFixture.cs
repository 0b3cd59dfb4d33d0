using Npgsql;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// A node on PostgreSQL whose traffic goes through Orleans' ADO.NET streams (<c>--traffic adonet</c>), on a private
/// PostgreSQL server of its own (so these tests run beside the shared PostgreSQL collection), with a client session
/// registered for the same provider. Shared by the <see cref="AdoNetTrafficCollection"/>.
/// </summary>
public sealed class AdoNetTrafficFixture : IAsyncLifetime
{
    public const string NodeId = "edge-durable";

    private PostgresServer _server = null!;

    public string ConnectionString { get; private set; } = null!;

    public TestSilo Silo { get; private set; } = null!;

    public Ratio1Session Session { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        ConnectionString = await _server.CreateDatabaseAsync();
        Silo = await TestSilo.StartAsync(NodeId, extraArgs: ["--storage", "postgres", "--connection-string", ConnectionString, "--apply-schema", "--traffic", "adonet"]);
        var options = Silo.SessionOptions("durable-client");
        options.Traffic = TrafficProvider.AdoNet;
        options.TrafficConnectionString = ConnectionString;
        Session = await Ratio1Session.ConnectAsync(options);
    }

    public async Task DisposeAsync()
    {
        await Session.DisposeAsync();
        await Silo.DisposeAsync();
        await _server.DisposeAsync();
    }

    /// <summary>A single value from the node's database.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}

[CollectionDefinition(Name)]
public sealed class AdoNetTrafficCollection : ICollectionFixture<AdoNetTrafficFixture>
{
    public const string Name = "adonet traffic";
}
