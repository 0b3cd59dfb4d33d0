using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Serving.Engine;

namespace Ratio1.Orleans.Tests.Serving.Direct;

/// <summary>
/// The bytes a client's inference request puts on the wire, counted by Orleans' own meter over every endpoint of this
/// process, so this collection runs alone (no other test's traffic in the count).
/// </summary>
[Collection(WireBytesCollection.Name)]
public sealed class DirectInferenceWireTests(PostgresFixture postgres, SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    private const string Node = InferencePair.Node;

    [Fact]
    public async Task A_client_of_the_nodes_own_silo_puts_the_input_on_the_wire_once()
    {
        await using var cluster = await PairAsync(throughNodeSilo: true);
        var image = new InferenceImage(512, 512, new byte[512 * 512 * 3]);
        var input = InferenceInput.FromImage(image);
        await cluster.Session.InferAsync(Node, cluster.Model, input);

        using var wire = new WireBytes();
        var direct = await wire.CountAsync(() => cluster.Session.InferAsync(Node, cluster.Model, input));

        // Once, plus headers, the answer and whatever else the silos said meanwhile. (Through the node grain it crossed
        // again for each silo boundary between the gateway, the node grain and the runtime: where the node grain was
        // placed decides how many; docs/performance.md shows a run with three crossings.)
        Assert.InRange(direct, image.Rgb24.Length, image.Rgb24.Length + (image.Rgb24.Length / 4));
    }

    private Task<InferencePair> PairAsync(bool throughNodeSilo) => InferencePair.StartAsync(postgres.Server, files, throughNodeSilo);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WireBytesCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "wire bytes (runs alone)";
}
