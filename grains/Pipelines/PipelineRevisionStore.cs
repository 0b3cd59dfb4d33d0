using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// Past versions of pipelines, one storage row per version, written straight through the grain storage provider
/// (no grain activation per version). A version's row is written before the pipeline state that makes it current,
/// so every committed version has its row; a row left by a failed commit is simply overwritten by the next one.
/// </summary>
public sealed class PipelineRevisionStore(IServiceProvider services)
{
    public const string StateName = "pipeline-revision";
    private static readonly GrainType RevisionType = GrainType.Create("r1-pipeline-revision");

    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    /// <summary>Stores a version, replacing any row a failed commit left under the same number.</summary>
    public async Task WriteAsync(string node, string pipeline, PipelineRevisionRecord revision)
    {
        var id = Id(node, pipeline, revision.Version);
        var state = new GrainState<PipelineRevisionRecord>(revision);
        try
        {
            await _storage.WriteStateAsync(StateName, id, state);
        }
        catch (InconsistentStateException)
        {
            // A row exists from a commit that never completed: take its version and overwrite it.
            var orphan = new GrainState<PipelineRevisionRecord>();
            await _storage.ReadStateAsync(StateName, id, orphan);
            state.ETag = orphan.ETag;
            await _storage.WriteStateAsync(StateName, id, state);
        }
    }

    /// <summary>A stored version, or null.</summary>
    public async Task<PipelineRevisionRecord?> ReadAsync(string node, string pipeline, int version)
    {
        var state = new GrainState<PipelineRevisionRecord>();
        await _storage.ReadStateAsync(StateName, Id(node, pipeline, version), state);
        return state.RecordExists ? state.State : null;
    }

    /// <summary>Removes the rows of versions 1..<paramref name="upToVersion"/>.</summary>
    public async Task DeleteAsync(string node, string pipeline, int upToVersion, CancellationToken cancellationToken)
    {
        foreach (var chunk in Enumerable.Range(1, Math.Max(0, upToVersion)).Chunk(16))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.WhenAll(chunk.Select(v => DeleteOneAsync(Id(node, pipeline, v))));
        }
    }

    private async Task DeleteOneAsync(GrainId id)
    {
        // Rows are written once, so version 1 is the usual ETag; anything else is read first.
        var state = new GrainState<PipelineRevisionRecord> { ETag = "1", RecordExists = true };
        try
        {
            await _storage.ClearStateAsync(StateName, id, state);
        }
        catch (InconsistentStateException)
        {
            var actual = new GrainState<PipelineRevisionRecord>();
            await _storage.ReadStateAsync(StateName, id, actual);
            if (actual.RecordExists)
            {
                await _storage.ClearStateAsync(StateName, id, actual);
            }
        }
    }

    // Starts with 'r', outside 0-9a-f, so the storage keeps it a string key.
    private static GrainId Id(string node, string pipeline, int version) =>
        GrainId.Create(RevisionType, $"rev:{node}/{pipeline}/{version}");
}
