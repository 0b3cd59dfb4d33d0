using System.Collections.Immutable;
using System.Globalization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>A pipeline at one version: its config and who made that version, when and how.</summary>
[GenerateSerializer, Immutable, Alias("r1.pipeline-snapshot")]
public sealed record PipelineSnapshot(
    [property: Id(0)] string Node,
    [property: Id(1)] PipelineConfig Config,
    [property: Id(2)] PipelineRevisionInfo Revision,
    [property: Id(3)] int LatestVersion,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] ImmutableArray<InstanceVersion> InstanceVersions)
{
    public string Name => Config.Name;

    public int Version => Revision.Version;

    public bool Archived => Revision.Archived;

    /// <summary>
    /// The Ratio1 JSON form with the node-maintained keys filled in (<c>INITIATOR_ID</c>, <c>MODIFIED_BY_ID</c>,
    /// <c>SESSION_ID</c>, <c>LAST_UPDATE_TIME</c>), as a Ratio1 node stores it.
    /// </summary>
    public ConfigMap ToRatio1Map()
    {
        var map = Config.ToMap();
        var plugins = map[PipelineKeys.Plugins];
        var builder = map.Remove(PipelineKeys.Plugins).ToBuilder()
            .Set(PipelineKeys.InitiatorId, CreatedBy)
            .Set(PipelineKeys.ModifiedById, Revision.ChangedBy)
            .Set(PipelineKeys.LastUpdateTime, Revision.ChangedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
        if (Revision.SessionId is { } session)
        {
            builder.Set(PipelineKeys.SessionId, session);
        }

        return builder.Set(PipelineKeys.Plugins, plugins).ToMap();
    }
}
