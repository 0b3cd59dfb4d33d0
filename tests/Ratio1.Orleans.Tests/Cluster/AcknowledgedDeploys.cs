using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>What a <see cref="DeployLoop"/> acknowledged, checked against the pipeline's stored history.</summary>
internal static class AcknowledgedDeploys
{
    /// <summary>
    /// Every deploy the client saw succeed is in the history at the version it was told, the versions run 1..latest,
    /// each version is whole (both marks equal, one instance), and no deploy was stored twice.
    /// </summary>
    public static async Task AssertInHistoryAsync(Ratio1Session session, string node, string pipeline, IReadOnlyList<DeployAttempt> attempts)
    {
        var versions = await ReadWholeHistoryAsync(session, node, pipeline);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Keys.Order());
        foreach (var acknowledged in attempts.Where(a => a.Succeeded))
        {
            Assert.Equal(acknowledged.Mark, Mark(versions[acknowledged.Version!.Value], DeployLoop.MarkA));
        }

        foreach (var (version, snapshot) in versions.Where(v => v.Key > 1))
        {
            Assert.True(Mark(snapshot, DeployLoop.MarkA) == Mark(snapshot, DeployLoop.MarkB), $"version {version} is half applied: {snapshot.Config.ToJson()}");
            Assert.Equal(1, snapshot.Config.InstanceCount);
        }

        var marks = versions.Values.Select(s => Mark(s, DeployLoop.MarkA)).OfType<string>().ToList();
        Assert.Equal(marks.Count, marks.Distinct().Count());
    }

    private static string? Mark(PipelineSnapshot snapshot, string key) =>
        snapshot.Config.Settings.GetValueOrDefault(key)?.AsString();

    // Every stored version, read one by one from the pipeline (not from the history summary), so each config is checked as stored.
    private static async Task<Dictionary<int, PipelineSnapshot>> ReadWholeHistoryAsync(Ratio1Session session, string node, string pipeline)
    {
        var latest = (await session.GetPipelineAsync(node, pipeline)).Version;
        var history = new List<PipelineRevisionInfo>();
        int? before = null;
        while (true)
        {
            var page = await session.GetPipelineHistoryAsync(node, pipeline, before, limit: 50);
            history.AddRange(page);
            if (page.Count < 50)
            {
                break;
            }

            before = page.Min(p => p.Version);
        }

        Assert.Equal(latest, history.Max(h => h.Version));
        var versions = new Dictionary<int, PipelineSnapshot>();
        foreach (var revision in history)
        {
            Assert.True(versions.TryAdd(revision.Version, await session.GetPipelineAsync(node, pipeline, revision.Version)), $"version {revision.Version} is twice in the history");
        }

        return versions;
    }
}
