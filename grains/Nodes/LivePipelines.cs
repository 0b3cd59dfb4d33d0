using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Storage.Catalog;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// The names of a node's live (not archived) pipelines, read from storage once and then kept up to date from the
/// commits its pipelines report, so the pipelines-per-node limit costs a lookup per create rather than a listing of
/// every pipeline of the node.
/// </summary>
internal sealed class LivePipelines(PipelineCatalog catalog, string nodeId)
{
    private HashSet<string>? _names;
    private Task<HashSet<string>>? _loading;
    private readonly Dictionary<string, bool> _seenWhileLoading = new(StringComparer.Ordinal);

    /// <summary>How many live pipelines the node has besides <paramref name="except"/>.</summary>
    public async Task<int> CountExceptAsync(string except, CancellationToken cancellationToken)
    {
        var names = _names ?? await (_loading ??= LoadAsync(cancellationToken));
        return names.Count - (names.Contains(except) ? 1 : 0);
    }

    /// <summary>Records a commit of one of the node's pipelines.</summary>
    public void Apply(PipelineCommit commit)
    {
        var live = commit.Snapshot is { Archived: false };
        if (_names is { } names)
        {
            _ = live ? names.Add(commit.Pipeline) : names.Remove(commit.Pipeline);
        }
        else if (_loading is not null)
        {
            // Stored before or after the listing read it: applied on top of the listing once it is in.
            _seenWhileLoading[commit.Pipeline] = live;
        }
    }

    private async Task<HashSet<string>> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stored = await catalog.ListAsync(GrainKeys.PipelinePrefix(nodeId), cancellationToken);
            var names = new HashSet<string>(stored.Where(p => !p.Archived).Select(p => p.Name), StringComparer.Ordinal);
            foreach (var (name, live) in _seenWhileLoading)
            {
                _ = live ? names.Add(name) : names.Remove(name);
            }

            _names = names;
            return names;
        }
        finally
        {
            _seenWhileLoading.Clear();
            _loading = null;
        }
    }
}
