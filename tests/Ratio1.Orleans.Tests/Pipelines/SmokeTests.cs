using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

[Collection(SiloCollection.Name)]
public sealed class SmokeTests(SiloFixture fixture)
{
    [Fact]
    public async Task A_staged_pipeline_deploys_and_reads_back()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(SiloFixture.NodeId, name, "Void");
        pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "t1", new Dictionary<string, object?> { ["process_delay"] = 2, ["value_key"] = "t" });

        var outcome = await pipeline.DeployAsync();
        var snapshot = await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name);

        Assert.Equal(1, outcome.Version);
        Assert.Equal(InstanceChange.Created, Assert.Single(outcome.Instances).Change);
        Assert.Equal(2, snapshot.Config.FindInstance("SENSOR_THRESHOLD_01", "t1")!.ProcessDelay);
    }
}
