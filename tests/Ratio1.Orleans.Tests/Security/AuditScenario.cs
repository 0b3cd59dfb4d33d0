using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// A pipeline with a history of every kind of change, made by a real client: deploy, update, instance update,
/// rollback, archive, redeploy, node-wide batch update (versions 1 to 7).
/// </summary>
public static class AuditScenario
{
    public const int Versions = 7;

    /// <summary>Makes the seven versions of a new pipeline named <paramref name="name"/>.</summary>
    public static async Task BuildAsync(Ratio1Session session, string node, string name)
    {
        await session.DeployPipelineJsonAsync(node, PipelineDocuments.Sensor(name));
        await session.UpdatePipelineAsync(node, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 2 });
        await session.UpdateInstanceAsync(node, name, PipelineDocuments.Signature, "t1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 5 });
        await session.RollbackPipelineAsync(node, name, 1);
        await session.ClosePipelineAsync(node, name);
        await session.DeployPipelineJsonAsync(node, PipelineDocuments.Sensor(name, processDelay: 3));
        await session.BatchUpdateInstancesAsync(node, [new PipelineInstanceUpdate(name, new InstanceUpdate(PipelineDocuments.Signature, "t1", ConfigMap.Parse("""{"PROCESS_DELAY": 4}""")))]);
        var snapshot = await session.GetPipelineAsync(node, name);
        Assert.Equal(Versions, snapshot.Version);
    }

    /// <summary>Checks the pipeline's history chain through the client library.</summary>
    public static async Task<HistoryVerification> VerifyAsync(Ratio1Session session, string node, string name) =>
        await (await session.AttachToPipelineAsync(node, name)).VerifyHistoryAsync();
}
