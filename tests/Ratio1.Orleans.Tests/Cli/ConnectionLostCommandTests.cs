using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Onnx;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Connection;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>A command whose call is in flight when the silo dies exits 13, the retryable connection-lost failure.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ConnectionLostCommandTests : IDisposable
{
    private const string Node = "edge-reconnect";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _models = Directory.CreateTempSubdirectory("r1-slow-model-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public async Task A_command_in_flight_when_the_silo_is_killed_exits_13_with_a_connection_lost_error()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        await using var session = await silo.ConnectAsync();
        // A lone request waits the whole queue delay for others to join its batch: 20 s in flight on the node.
        var path = Path.Combine(_models, "linear.onnx");
        SampleModels.LinearClassifier(features: 4, classes: 3).Save(path);
        await session.AddModelAsync(Node, new ModelDeclaration("slow", "1", path, Batching: new BatchingSettings(MaxQueueDelayMicroseconds: 20_000_000)));

        var infer = R1ctl.RunAsync(silo.GatewayPort, "infer", Node, "slow", "[[0.1, 0.2, 0.3, 0.4]]", "--json");
        await UntilQueuedAsync(session, "slow");
        silo.Kill();
        var result = await infer;

        Assert.True(result.ExitCode == ExitCodes.ConnectionLost, result.ToString());
        Assert.Equal("connection-lost", result.StderrJson().GetProperty("error").GetString());
        Assert.Contains("may or may not have been applied", result.StderrJson().GetProperty("message").GetString());
        Assert.Empty(result.Stdout);
    }

    private static async Task UntilQueuedAsync(Client.Ratio1Session session, string model)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while ((await session.GetModelsAsync(Node)).Single(m => m.Name == model).Stats.QueueDepth == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The request never reached the model's queue.");
            await Task.Delay(50);
        }
    }
}
