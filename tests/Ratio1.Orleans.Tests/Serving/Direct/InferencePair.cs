using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Serving.Engine;

namespace Ratio1.Orleans.Tests.Serving.Direct;

/// <summary>
/// Two real silos in one PostgreSQL cluster: the node <see cref="Node"/> runs on the south one and serves a small
/// convolutional classifier; the session connects through the node's own silo or through the other one.
/// </summary>
public sealed record InferencePair(TestSilo North, TestSilo South, Ratio1Session Session, string Model) : IAsyncDisposable
{
    public const string Node = "edge-south";

    public static async Task<InferencePair> StartAsync(PostgresServer server, SampleModelFiles files, bool throughNodeSilo)
    {
        var connectionString = await server.CreateDatabaseAsync();
        string[] args = ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--cluster-id", "infer"];
        var north = await TestSilo.StartAsync("edge-north", extraArgs: args);
        var south = await TestSilo.StartAsync(Node, extraArgs: args);
        var options = (throughNodeSilo ? south : north).SessionOptions("infer-client");
        options.ClusterId = "infer";
        var session = await Ratio1Session.ConnectAsync(options);
        var model = "conv-" + Guid.NewGuid().ToString("N")[..8];
        await session.AddModelAsync(Node, files.ConvDeclaration(model));
        return new InferencePair(north, south, session, model);
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await South.DisposeAsync();
        await North.DisposeAsync();
    }
}
