using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>
/// Pipelines with live traffic, deployed through the library (and confirmed by the node) for the traffic commands to
/// watch, command and push into. Disposing deletes them, so no test leaves a pipeline ticking for the rest of the run.
/// </summary>
public sealed class EchoPipelines(Ratio1Session session, string node) : IAsyncDisposable
{
    public const string Signature = "ECHO_01";
    public const string InstanceId = "e1";

    private readonly List<string> _deployed = [];

    /// <summary>A Void pipeline whose ECHO_01 instance <c>e1</c> sends a payload every 0.1 s.</summary>
    public Task<string> DeployTickingAsync() => DeployAsync("Void", new Dictionary<string, object?>
    {
        ["ALLOW_EMPTY_INPUTS"] = true,
        ["PROCESS_DELAY"] = 0.1,
    });

    /// <summary>An OnDemandInput pipeline whose ECHO_01 instance <c>e1</c> answers each pushed input with its DATA.</summary>
    public Task<string> DeployOnDemandAsync() => DeployAsync("OnDemandInput", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.1 });

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _deployed)
        {
            await session.DeletePipelineAsync(node, name);
        }
    }

    private async Task<string> DeployAsync(string type, Dictionary<string, object?> instanceConfig)
    {
        var name = Infrastructure.SiloFixture.UniqueName();
        var pipeline = session.CreatePipeline(node, name, type);
        pipeline.CreatePluginInstance(Signature, InstanceId, instanceConfig);
        await pipeline.DeployAsync();
        _deployed.Add(name);
        return name;
    }
}
