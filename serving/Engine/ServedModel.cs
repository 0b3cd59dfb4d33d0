using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Profiles;

namespace Ratio1.Orleans.Serving.Engine;

/// <summary>One declared model of the node: loaded (with its server and profile) or failed (with the reason).</summary>
internal sealed record ServedModel(ModelDeclaration Declaration, string Source, ModelServer? Server, InferenceProfile? Profile, string? Reason)
{
    public ModelStatus Status()
    {
        var server = Server;
        return new ModelStatus(
            Declaration.Name,
            Declaration.Version,
            Declaration.Path,
            Declaration.Profile,
            Source,
            server is null ? ModelState.Failed : ModelState.Loaded,
            Reason,
            Declaration.Provider,
            server?.Provider.Used ?? ExecutionProvider.Cpu,
            server?.Provider.DeviceId ?? Declaration.DeviceId,
            server?.Provider.FallbackReason,
            server?.Inputs ?? [],
            server?.Outputs ?? [],
            server?.MaxBatchSize ?? Declaration.EffectiveBatching.MaxBatchSize,
            server?.LoadedAt,
            server?.Stats() ?? ModelStats.Empty);
    }
}
